// The throttle budgets the README documents as defaults, shown over HTTP on a server whose
// configuration sets none of them (every other harness relaxes them): 10 log-in attempts per
// account and 100 per client IP in a 15-minute window, 20 sign-ups per client IP an hour.
// Windows end by moving the app's clock (harness.clock), never by waiting: the test counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failureOf, outcomeOf, PASSWORD, startHarness, type Harness } from "./http-harness";

const MINUTE = 60_000;

describe("the default throttle budgets, from a configuration that sets none", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({}, "sqlite", { budgets: "defaults" });
  });

  afterAll(async () => {
    await harness?.close();
  });

  // Every window of an earlier test has ended: each test starts with whole budgets.
  beforeEach(() => harness.clock.advance(24 * 60 * MINUTE));

  /** The failure's data, or `{ appCode: "ok" }` for a success (anything but an API answer throws). */
  const logIn = async (username: string, password: string) => {
    const call = harness.browser().client.account.logIn.mutate({ username, password });
    if ((await outcomeOf(call)) === "ok") return { appCode: "ok", retryAfterSeconds: undefined };
    return (await failureOf(call)).data;
  };

  it("are the documented ones", () => {
    expect(harness.gatehouse.container.config.throttle).toEqual({
      loginAttemptsPerAccount: 10,
      loginAttemptsPerIp: 100,
      loginWindowSeconds: 900,
      signUpsPerIp: 20,
      signUpWindowSeconds: 3_600,
    });
  });

  it("refuse the 11th log-in attempt at one account within 15 minutes, and not after them", async () => {
    await harness.browser().client.account.signUp.mutate({ username: "budget.owner", password: PASSWORD });
    for (let i = 1; i <= 10; i++)
      expect((await logIn("budget.owner", `wrong guess ${i}`)).appCode).toBe("INVALID_CREDENTIALS");
    const eleventh = await logIn("budget.owner", PASSWORD); // even the right password
    expect(eleventh).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    expect(eleventh.retryAfterSeconds).toBeGreaterThan(14 * 60); // the window is 15 minutes
    expect(eleventh.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    harness.clock.advance(14 * MINUTE);
    expect((await logIn("budget.owner", PASSWORD)).appCode).toBe("RATE_LIMITED");
    harness.clock.advance(MINUTE); // 15 minutes after the first attempt
    expect((await logIn("budget.owner", PASSWORD)).appCode).toBe("ok");
  });

  it("refuse the 101st log-in attempt from one client IP within 15 minutes, whatever the accounts", async () => {
    // A different account each time: no account's own budget of 10 is reached.
    for (let i = 1; i <= 100; i++)
      expect((await logIn(`sprayed.${i}`, "a guess at it")).appCode).toBe("INVALID_CREDENTIALS");
    expect(await logIn("sprayed.101", "a guess at it")).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    harness.clock.advance(15 * MINUTE);
    expect((await logIn("sprayed.101", "a guess at it")).appCode).toBe("INVALID_CREDENTIALS");
  });

  it("refuse the 21st sign-up from one client IP within an hour, and not after it", async () => {
    const signUp = (username: string) =>
      outcomeOf(harness.browser().client.account.signUp.mutate({ username, password: PASSWORD }));
    for (let i = 1; i <= 20; i++) expect(await signUp(`signed.up${i}`)).toBe("ok");
    expect(await signUp("signed.up21")).toBe("RATE_LIMITED");
    harness.clock.advance(59 * MINUTE);
    expect(await signUp("signed.up21")).toBe("RATE_LIMITED");
    harness.clock.advance(MINUTE); // an hour after the first sign-up
    expect(await signUp("signed.up21")).toBe("ok");
  });
});
