import { NotAuthenticatedError } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, type TestApp } from "./fixtures";

// The fixture's sessions: idle TTL 1 hour (sliding), absolute lifetime 24 hours.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(TEST_PROVIDERS)("session expiry on %s, with a fake clock", (provider) => {
  let app: TestApp;
  let browser: BrowserCookieJar;
  let aliceId: string;

  beforeEach(async () => {
    app = await createTestApp(provider);
    ({ id: aliceId } = await app.request().signUp.execute({ username: "alice", password: "correct horse" }));
    // Only Date is faked: timers and the database driver keep running normally.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-05-01T08:00:00.000Z") });
    browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await app.close();
  });

  const whoAmI = () => app.request(browser).identity.currentUserId();
  const storedExpiry = async () => (await app.prisma.session.findFirstOrThrow()).expiresAt.getTime();

  it("ends a session left idle longer than the idle TTL", async () => {
    vi.advanceTimersByTime(HOUR + MINUTE);
    await expect(whoAmI()).rejects.toThrow(NotAuthenticatedError);
    expect(await app.prisma.session.count()).toBe(0);
  });

  it("does not write on validation until less than half of the idle TTL remains", async () => {
    const issued = await storedExpiry();
    vi.advanceTimersByTime(20 * MINUTE);
    browser.sent.length = 0;
    await whoAmI();
    expect(await storedExpiry()).toBe(issued);
    expect(browser.sent).toEqual([]); // no new cookie either
  });

  it("slides: a session used past half its idle TTL is renewed, in the database and the cookie", async () => {
    vi.advanceTimersByTime(31 * MINUTE);
    browser.sent.length = 0;
    await whoAmI();
    expect(await storedExpiry()).toBe(Date.now() + HOUR);
    expect(browser.sent).toHaveLength(1);

    vi.advanceTimersByTime(50 * MINUTE); // 81 minutes after log-in: alive thanks to the renewal
    expect(await whoAmI()).toBe(aliceId);
  });

  it("ends an active session at its absolute lifetime however often it is renewed", async () => {
    for (let uses = 1; uses <= 35; uses++) {
      vi.advanceTimersByTime(40 * MINUTE); // each use renews: less than half of the hour is left
      expect(await whoAmI()).toBe(aliceId);
    }
    vi.advanceTimersByTime(40 * MINUTE); // 36 × 40 minutes = 24 hours since log-in
    await expect(whoAmI()).rejects.toThrow(NotAuthenticatedError);
    expect(await app.prisma.session.count()).toBe(0);
  });

  it("purges sessions past their idle expiry or their absolute lifetime, and keeps live ones", async () => {
    const idle = new BrowserCookieJar();
    await app.request(idle).logIn.execute({ username: "alice", password: "correct horse" });
    vi.advanceTimersByTime(2 * HOUR); // both expired by idleness
    const fresh = new BrowserCookieJar();
    await app.request(fresh).logIn.execute({ username: "alice", password: "correct horse" });

    await app.lucia.deleteExpiredSessions();

    expect(await app.prisma.session.count()).toBe(1);
    expect(await app.request(fresh).identity.currentUserId()).toBe(aliceId);
  });
});
