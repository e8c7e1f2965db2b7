// Two-factor authentication over real HTTP, on SQLite and PostgreSQL. Codes are computed here
// with RFC 6238 at the app's clock (a TestClock), so moving to the next time step is a step
// of the clock, not a wait.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

const STEP_MS = 30_000;

/** The code an authenticator app shows for `secret` at the app's current time (plus `steps`). */
function codeAt(harness: Harness, secret: string, steps = 0): string {
  const step = Math.floor(harness.clock.now().getTime() / STEP_MS) + steps;
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

describe.each<Provider>(["sqlite", "postgresql"])("two-factor authentication (%s)", (provider) => {
  let harness: Harness;
  let serial = 0;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** A new user, logged in, with two-factor enrolled: their secret and recovery codes. */
  async function enrolledUser(): Promise<{
    username: string;
    secret: string;
    recoveryCodes: string[];
    browser: Browser;
  }> {
    const username = `mfa.user${++serial}`;
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username, password: PASSWORD });
    const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
    const { recoveryCodes } = await browser.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
    harness.clock.advance(STEP_MS); // the confirming code's step is spent
    return { username, secret, recoveryCodes, browser };
  }

  it("enrols: the secret is pending until a code confirms it; then ten recovery codes, shown once", async () => {
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username: `enrol${provider}`, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username: `enrol${provider}`, password: PASSWORD });
    const enrolment = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.qrSvg).toMatch(/^<svg/);
    expect(await browser.client.account.mfa.status.query()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
    const { recoveryCodes } = await browser.client.account.mfa.confirmTotp.mutate({
      code: codeAt(harness, enrolment.secret),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await browser.client.account.mfa.status.query();
    expect(status).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    expect(status.enabledAt).not.toBeNull();
  });

  it("logs in in two steps: the password gives a challenge, never a session; the code gives the session", async () => {
    const { username, secret } = await enrolledUser();
    const browser = harness.browser();
    expect(await browser.client.account.logIn.mutate({ username, password: PASSWORD })).toEqual({ mfaRequired: true });
    expect([...browser.cookies.keys()]).toEqual(["gatehouse_mfa"]);
    expect((await failureOf(browser.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");

    const me = await browser.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
    expect(me).toMatchObject({ username, role: "user" });
    expect(browser.cookies.has("gatehouse_session")).toBe(true);
    expect(browser.cookies.has("gatehouse_mfa")).toBe(false);
    expect((await browser.client.account.me.query()).username).toBe(username);
  });
});
