import { InvalidCredentialsError } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AttemptThrottle, createPrismaClient, RateLimitedError } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, type TestApp } from "./fixtures";

// Windows real time never ends during a test, however loaded the machine: a test ends one by
// moving the app's clock (app.clock) past it.
const WINDOW_SECONDS = 60;
const budgets = {
  loginAttemptsPerAccount: 3,
  loginAttemptsPerIp: 5,
  loginWindowSeconds: WINDOW_SECONDS,
  signUpsPerIp: 2,
  signUpWindowSeconds: WINDOW_SECONDS,
};

describe.each(TEST_PROVIDERS)("log-in and sign-up throttling on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider, budgets);
    await app.request().signUp.execute({ username: "alice", password: "correct horse" });
  });

  afterEach(async () => {
    await app.close();
  });

  const logIn = (password: string, ip = "203.0.113.7", username = "alice") =>
    app
      .request(new BrowserCookieJar(), ip)
      .logIn.execute({ username, password })
      .then(
        () => "ok",
        (error: Error) => error,
      );

  it("stops guessing at one account from any IP, says when to retry, and recovers", async () => {
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) {
      expect(await logIn("wrong horse", ip)).toBeInstanceOf(InvalidCredentialsError);
    }
    const limited = await logIn("correct horse", "198.51.100.4"); // even the right password waits
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((limited as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);

    app.clock.advance((WINDOW_SECONDS / 2) * 1000);
    expect(await logIn("correct horse")).toBeInstanceOf(RateLimitedError); // not before the window ends
    app.clock.advance((WINDOW_SECONDS / 2) * 1000); // the window ends
    expect(await logIn("correct horse")).toBe("ok");
  });

  it("forgives an account's failures when its owner logs in", async () => {
    expect(await logIn("wrong horse")).toBeInstanceOf(InvalidCredentialsError);
    expect(await logIn("wrong horse")).toBeInstanceOf(InvalidCredentialsError);
    expect(await logIn("correct horse")).toBe("ok");
    expect(await logIn("wrong horse")).toBeInstanceOf(InvalidCredentialsError);
    expect(await logIn("wrong horse")).toBeInstanceOf(InvalidCredentialsError);
    expect(await logIn("correct horse")).toBe("ok");
  });

  it("stops one IP spraying many accounts, and counts unknown accounts too", async () => {
    for (const username of ["user.one", "user.two", "user.three", "user.four", "user.five"]) {
      expect(await logIn("wrong horse", "192.0.2.9", username)).toBeInstanceOf(InvalidCredentialsError);
    }
    expect(await logIn("correct horse", "192.0.2.9")).toBeInstanceOf(RateLimitedError);
    expect(await logIn("correct horse", "192.0.2.10")).toBe("ok"); // another IP is unaffected
  });

  it("shares counters between app instances through the database", async () => {
    const otherPrisma = createPrismaClient(app.database.url); // a second instance's own client
    const otherInstance = new AttemptThrottle(otherPrisma, budgets);
    try {
      await app.throttle.countLogInAttempt("bob", "192.0.2.50");
      await otherInstance.countLogInAttempt("bob", "192.0.2.51");
      await app.throttle.countLogInAttempt("bob", "192.0.2.52");
      await expect(otherInstance.countLogInAttempt("bob", "192.0.2.53")).rejects.toBeInstanceOf(RateLimitedError);
    } finally {
      await otherPrisma.$disconnect();
    }
  });

  it("throttles sign-ups per IP", async () => {
    const signUp = (username: string) =>
      app.throttle
        .countSignUp("198.51.100.77")
        .then(() => app.request().signUp.execute({ username, password: "correct horse" }));
    await signUp("new.one");
    await signUp("new.two");
    await expect(signUp("new.three")).rejects.toBeInstanceOf(RateLimitedError);
    app.clock.advance(WINDOW_SECONDS * 1000); // the window ends: a new budget
    await signUp("new.three");
  });

  it("keeps a window's counters until it ends, then purges them", async () => {
    await app.throttle.countLogInAttempt("carol", "192.0.2.60");
    const counters = () => app.prisma.rateLimit.count();
    expect(await counters()).toBe(2); // the account's and the IP's
    await app.throttle.purgeExpired(app.prisma);
    expect(await counters()).toBe(2);
    app.clock.advance(WINDOW_SECONDS * 1000 + 1);
    await app.throttle.purgeExpired(app.prisma);
    expect(await counters()).toBe(0);
  });
});
