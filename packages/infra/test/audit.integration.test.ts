import { InvalidCredentialsError, RawPassword, Username, type AuditEventView } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaAuditPurger, PrismaAuditReader, RateLimitedError } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, EVERY_AUDIT_EVENT, type TestApp } from "./fixtures";

describe.each(TEST_PROVIDERS)("the audit log on %s", (provider) => {
  let app: TestApp;
  let reader: PrismaAuditReader;

  beforeEach(async () => {
    app = await createTestApp(provider, {
      loginAttemptsPerAccount: 2,
      loginAttemptsPerIp: 100,
      loginWindowSeconds: 60,
      signUpsPerIp: 100,
      signUpWindowSeconds: 60,
    });
    reader = new PrismaAuditReader(app.prisma);
  });

  afterEach(async () => {
    await app.close();
  });

  it("commits an event with its change, stamped with the client and request", async () => {
    const { id } = await app
      .request(new BrowserCookieJar(), "198.51.100.20")
      .signUp.execute({ username: "Alice", password: "correct horse" });
    const [event] = await reader.listEvents(EVERY_AUDIT_EVENT);
    expect(event).toMatchObject({
      type: "user.signed_up",
      actorId: id,
      targetId: id,
      clientIp: "198.51.100.20",
      requestId: "test-request",
      attemptedUsername: null,
    });
  });

  it("leaves neither change nor event when a write fails after both were sent", async () => {
    const { unitOfWork, users, audit } = app.request();
    const user = await app.userService.createUser(Username.create("doomed"), RawPassword.create("correct horse"));
    await expect(
      unitOfWork.run(async () => {
        users.add(user);
        audit.record({ type: "user.created", actorId: null, targetId: user.id });
        unitOfWork.register(async () => {
          throw new Error("a later write failed");
        });
      }),
    ).rejects.toThrow("a later write failed");

    expect(await app.prisma.user.count()).toBe(0);
    expect(await reader.listEvents(EVERY_AUDIT_EVENT)).toEqual([]);
  });

  it("records log-ins, failures with the tried username (never the password), throttling and log-outs", async () => {
    await app.request().signUp.execute({ username: "alice", password: "correct horse" });
    const browser = new BrowserCookieJar();
    await expect(app.request().logIn.execute({ username: "ALICE", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
    await app.request(browser).logOut.execute();
    await expect(app.request().logIn.execute({ username: "Nobody.Here", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await expect(app.request().logIn.execute({ username: "Nobody.Here", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await expect(app.request().logIn.execute({ username: "Nobody.Here", password: "wrong horse" })).rejects.toThrow(
      RateLimitedError,
    );

    const events = (await reader.listEvents(EVERY_AUDIT_EVENT)).reverse();
    expect(events.map((e) => [e.type, e.attemptedUsername])).toEqual([
      ["user.signed_up", null],
      ["user.login_failed", "alice"],
      ["user.logged_in", null],
      ["user.logged_out", null],
      ["user.login_failed", "nobody.here"],
      ["user.login_failed", "nobody.here"],
      ["throttle.tripped", "nobody.here"],
    ]);
    const stored = JSON.stringify(await app.prisma.auditEvent.findMany());
    expect(stored).not.toContain("wrong horse");
    expect(stored).not.toContain("correct horse");
  });

  it("names each event's actor and target, and filters by their usernames and by a user's history", async () => {
    const { id: alice } = await app.request().signUp.execute({ username: "Alice", password: "correct horse" });
    const { id: bob } = await app.request().signUp.execute({ username: "Bobby", password: "correct horse" });
    await app.request(new BrowserCookieJar()).logIn.execute({ username: "alice", password: "correct horse" });
    await expect(app.request().logIn.execute({ username: "BOBBY", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    const named = (events: AuditEventView[]) => events.map((e) => [e.type, e.actorUsername, e.targetUsername]);

    expect(named(await reader.listEvents(EVERY_AUDIT_EVENT))).toEqual([
      ["user.login_failed", null, "Bobby"],
      ["user.logged_in", "Alice", "Alice"],
      ["user.signed_up", "Bobby", "Bobby"],
      ["user.signed_up", "Alice", "Alice"],
    ]);
    expect(named(await reader.listEvents({ ...EVERY_AUDIT_EVENT, actorUsernameKey: "alice" }))).toEqual([
      ["user.logged_in", "Alice", "Alice"],
      ["user.signed_up", "Alice", "Alice"],
    ]);
    expect(named(await reader.listEvents({ ...EVERY_AUDIT_EVENT, targetUsernameKey: "bobby" }))).toEqual([
      ["user.login_failed", null, "Bobby"],
      ["user.signed_up", "Bobby", "Bobby"],
    ]);
    expect(await reader.listEvents({ ...EVERY_AUDIT_EVENT, actorUsernameKey: "nobody.here" })).toEqual([]);
    // A history holds events as actor or target; the keyset pages through it too.
    await app.prisma.auditEvent.updateMany({ where: { type: "user.login_failed" }, data: { actorId: alice } });
    const history = await reader.listEvents({ ...EVERY_AUDIT_EVENT, involvedUserId: bob, limit: 1 });
    expect(named(history)).toEqual([["user.login_failed", "Alice", "Bobby"]]);
    const after = { occurredAt: history[0]!.occurredAt, id: history[0]!.id };
    expect(named(await reader.listEvents({ ...EVERY_AUDIT_EVENT, involvedUserId: bob, after }))).toEqual([
      ["user.signed_up", "Bobby", "Bobby"],
    ]);
    expect(await reader.listEvents({ ...EVERY_AUDIT_EVENT, involvedUserId: alice })).toHaveLength(3);
  });

  it("pages newest first by keyset and filters by type and time", async () => {
    for (const name of ["user.one", "user.two", "user.three", "user.four", "user.five"]) {
      await app.request().signUp.execute({ username: name, password: "correct horse" });
    }
    const seen: string[] = [];
    let after: { occurredAt: Date; id: string } | null = null;
    for (;;) {
      const page = await reader.listEvents({ ...EVERY_AUDIT_EVENT, after, limit: 2 });
      seen.push(...page.map((e) => e.id));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      after = { occurredAt: last.occurredAt, id: last.id };
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort().reverse()).toEqual(seen); // UUIDv7 ids: newest first

    expect(await reader.listEvents({ ...EVERY_AUDIT_EVENT, type: "user.logged_in" })).toEqual([]);
    expect(await reader.listEvents({ ...EVERY_AUDIT_EVENT, from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await new PrismaAuditPurger(app.prisma).deleteOlderThan(new Date(Date.now() + 1000))).toBe(5);
    expect(await reader.listEvents(EVERY_AUDIT_EVENT)).toEqual([]);
  });
});
