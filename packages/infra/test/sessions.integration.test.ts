import { createHash } from "node:crypto";
import {
  AccountInactiveError,
  AlreadyAuthenticatedError,
  InputValidationError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  type UserId,
} from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, type TestApp } from "./fixtures";

describe.each(TEST_PROVIDERS)("log in, sessions and log out on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
    await app.request().signUp.execute({ username: "alice", password: "correct horse" });
  });

  afterEach(async () => {
    await app.close();
  });

  it("makes no session for a user changed since the log-in read them (a new password, a deactivation)", async () => {
    const [alice] = await app.prisma.user.findMany({ where: { usernameKey: "alice" } });
    const start = (userVersion: number) =>
      app.lucia.createSession(alice!.id, { ipAddress: null, userAgent: null, userVersion }).then(
        () => "made",
        (error: Error) => error.name,
      );
    // The version a log-in read, before a password change committed: no session.
    await app.prisma.user.update({
      where: { id: alice!.id },
      data: { passwordHash: "replaced", version: { increment: 1 } },
    });
    expect(await start(0)).toBe("UserChangedDuringLogInError");
    expect(await start(1)).toBe("made");
    // Deactivated: no session at any version.
    await app.prisma.user.update({ where: { id: alice!.id }, data: { isActive: false, version: { increment: 1 } } });
    expect(await start(2)).toBe("UserChangedDuringLogInError");
    expect(await app.prisma.session.count()).toBe(1);
  });

  it("records the last log-in with the session, leaving the user's version; a refused log-in records none", async () => {
    const before = await app.prisma.user.findFirstOrThrow({ where: { usernameKey: "alice" } });
    expect(before.lastLogInAt).toBeNull();
    await expect(app.request().logIn.execute({ username: "alice", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    expect((await app.prisma.user.findFirstOrThrow()).lastLogInAt).toBeNull();

    await app.request(new BrowserCookieJar()).logIn.execute({ username: "alice", password: "correct horse" });
    const after = await app.prisma.user.findFirstOrThrow();
    const [session] = await app.prisma.session.findMany();
    expect(after.lastLogInAt).toEqual(session!.createdAt);
    expect(after.version).toBe(before.version);
    const item = await app.userReader.readListItem(after.id as UserId);
    expect(item).toMatchObject({ username: "alice", lastLogInAt: session!.createdAt });

    // A log-in that checked a password replaced meanwhile: no session and no "last log-in".
    await app.prisma.user.update({ where: { id: after.id }, data: { version: { increment: 1 } } });
    await expect(
      app.lucia.createSession(after.id, { ipAddress: null, userAgent: null, userVersion: before.version }),
    ).rejects.toThrow("The user changed while logging in.");
    expect((await app.prisma.user.findFirstOrThrow()).lastLogInAt).toEqual(session!.createdAt);
  });

  it("stores only the SHA-256 of the session token", async () => {
    const browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "ALICE", password: "correct horse" });

    const token = browser.token!;
    expect(token).toMatch(/^[a-z0-9]{40}$/);
    const rows = await app.prisma.session.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie on Path=/", async () => {
    const browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });

    expect(browser.sent[0]).toMatch(/^gatehouse_session=[a-z0-9]{40}; /);
    expect(browser.sent[0]).toContain("HttpOnly");
    expect(browser.sent[0]).toContain("SameSite=Lax");
    expect(browser.sent[0]).toContain("Path=/");
  });

  it("recognises the caller by the cookie until they log out", async () => {
    const browser = new BrowserCookieJar();
    const { id } = await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });

    expect(await app.request(browser).identity.currentUserId()).toBe(id);
    await app.request(browser).logOut.execute();

    expect(browser.token).toBeNull();
    expect(await app.prisma.session.count()).toBe(0);
    await expect(app.request(browser).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
  });

  it("answers the caller's own account from the session check's row, and anyone else's from the database", async () => {
    await app.request().signUp.execute({ username: "bob.other", password: "correct horse" });
    const browser = new BrowserCookieJar();
    const { id } = await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
    const bob = await app.prisma.user.findFirstOrThrow({ where: { usernameKey: "bob.other" } });
    const database = app.userReader;

    const own = await app.request(browser).accountReader.readAccount(id);
    expect(own).toEqual(await database.readAccount(id));
    expect(own).toMatchObject({ username: "alice", role: "user", isActive: true });
    expect(await app.request(browser).accountReader.readAccount(bob.id as UserId)).toEqual(
      await database.readAccount(bob.id as UserId),
    );
    // Without a session, or for an id that does not exist, the database answers.
    expect(await app.request().accountReader.readAccount(id)).toEqual(own);
    expect(
      await app.request(browser).accountReader.readAccount("00000000-0000-7000-8000-000000000000" as UserId),
    ).toBeNull();
  });

  it("reads the owner's account in the same row as the session, through the user mapper (its activation as stored)", async () => {
    const browser = new BrowserCookieJar();
    const { id } = await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
    const storedId = createHash("sha256").update(browser.token!).digest("hex");
    const account = await app.userReader.readAccount(id);
    expect((await app.sessionCheck.find(storedId))?.owner).toEqual(account);

    // The session check reads; ending a deactivated user's session is the adapter's job.
    await app.prisma.user.update({ where: { id }, data: { isActive: false } });
    expect((await app.sessionCheck.find(storedId))?.owner).toEqual({ ...account, isActive: false });
  });

  it("does not accept a stolen hash from the table as a cookie", async () => {
    await app.request(new BrowserCookieJar()).logIn.execute({ username: "alice", password: "correct horse" });
    const [row] = await app.prisma.session.findMany();
    const thief = new BrowserCookieJar();
    thief.set(`gatehouse_session=${row!.id}; Path=/`);

    await expect(app.request(thief).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
  });

  it("refuses a wrong password and an unknown username with the same error", async () => {
    const wrongPassword = await app
      .request()
      .logIn.execute({ username: "alice", password: "wrong horse" })
      .catch((e) => e);
    const unknownUser = await app
      .request()
      .logIn.execute({ username: "mallory", password: "correct horse" })
      .catch((e) => e);

    expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownUser).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownUser.message).toBe(wrongPassword.message);
    expect(await app.prisma.session.count()).toBe(0);
  });

  it("names the fields of malformed credentials", async () => {
    const error = await app
      .request()
      .logIn.execute({ username: "al", password: "" })
      .catch((e) => e);

    expect(error).toBeInstanceOf(InputValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual(["username", "password"]);
  });

  it("tells only someone with the right password that the account is deactivated", async () => {
    await app.prisma.user.updateMany({ data: { isActive: false } });

    await expect(app.request().logIn.execute({ username: "alice", password: "wrong horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await expect(app.request().logIn.execute({ username: "alice", password: "correct horse" })).rejects.toThrow(
      AccountInactiveError,
    );
  });

  it("ends the session of a user who is deactivated", async () => {
    const browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
    await app.prisma.user.updateMany({ data: { isActive: false } });

    await expect(app.request(browser).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
  });

  it("refuses to log in or sign up while logged in", async () => {
    const browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });

    await expect(app.request(browser).logIn.execute({ username: "alice", password: "correct horse" })).rejects.toThrow(
      AlreadyAuthenticatedError,
    );
    await expect(app.request(browser).signUp.execute({ username: "bobby", password: "correct horse" })).rejects.toThrow(
      AlreadyAuthenticatedError,
    );
  });

  it("ends a session that has outlived its maximum lifetime, however active", async () => {
    const browser = new BrowserCookieJar();
    await app.request(browser).logIn.execute({ username: "alice", password: "correct horse" });
    await app.prisma.session.updateMany({ data: { createdAt: new Date(Date.now() - 86_401_000) } });

    await expect(app.request(browser).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
    expect(await app.prisma.session.count()).toBe(0);
  });

  it("ends the other sessions of a user and keeps the one making the request", async () => {
    const laptop = new BrowserCookieJar();
    const phone = new BrowserCookieJar();
    const { id } = await app.request(laptop).logIn.execute({ username: "alice", password: "correct horse" });
    await app.request(phone).logIn.execute({ username: "alice", password: "correct horse" });

    const request = app.request(laptop);
    await request.identity.currentUserId(); // the request knows its session before the transaction
    await request.unitOfWork.run(() => request.revoker.revokeOtherSessions(id));

    expect(await app.request(laptop).identity.currentUserId()).toBe(id);
    await expect(app.request(phone).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
  });

  it("ends every session of a user whose password an admin sets", async () => {
    const alice = new BrowserCookieJar();
    const { id } = await app.request(alice).logIn.execute({ username: "alice", password: "correct horse" });
    await app.request().signUp.execute({ username: "the.admin", password: "correct horse" });
    await app.prisma.user.updateMany({ where: { usernameKey: "the.admin" }, data: { role: "admin" } });
    const admin = new BrowserCookieJar();
    await app.request(admin).logIn.execute({ username: "the.admin", password: "correct horse" });

    await app.request(admin).setUserPassword.execute({ userId: id, password: "a new password" });

    await expect(app.request(alice).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
    expect(await app.prisma.session.count({ where: { userId: id } })).toBe(0);
    await expect(app.request().logIn.execute({ username: "alice", password: "correct horse" })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await app.request(new BrowserCookieJar()).logIn.execute({ username: "alice", password: "a new password" });
  });
});

describe.each(TEST_PROVIDERS)("visible sessions on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
    await app.request().signUp.execute({ username: "alice", password: "correct horse" });
  });

  afterEach(async () => {
    await app.close();
  });

  it("records when, from where and with what each session was opened, under a public id that is not the token", async () => {
    const laptop = new BrowserCookieJar();
    const phone = new BrowserCookieJar();
    const { id } = await app
      .request(laptop, "198.51.100.1", "Laptop Browser")
      .logIn.execute({ username: "alice", password: "correct horse" });
    await app
      .request(phone, "198.51.100.2", `Phone ${"x".repeat(1000)}`)
      .logIn.execute({ username: "alice", password: "correct horse" });

    const sessions = await app.request(laptop).sessions.listSessions(id);
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current)!;
    expect(mine).toMatchObject({ ipAddress: "198.51.100.1", userAgent: "Laptop Browser", current: true });
    const other = sessions.find((s) => !s.current)!;
    expect(other.ipAddress).toBe("198.51.100.2");
    expect(other.userAgent).toHaveLength(256); // truncated
    for (const session of sessions) {
      expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(session.id).not.toBe(laptop.token);
      expect(session.id).not.toBe(phone.token);
    }
  });

  it("ends one session by its public id, only for its owner", async () => {
    const laptop = new BrowserCookieJar();
    const phone = new BrowserCookieJar();
    const { id } = await app.request(laptop).logIn.execute({ username: "alice", password: "correct horse" });
    await app.request(phone).logIn.execute({ username: "alice", password: "correct horse" });
    const phoneSession = (await app.request(laptop).sessions.listSessions(id)).find((s) => !s.current)!;

    const request = app.request(laptop);
    const otherUser = "01900000-0000-7000-8000-000000000000" as typeof id;
    expect(await request.unitOfWork.run(() => request.revoker.revokeSession(otherUser, phoneSession.id))).toBe(false);
    expect(await request.unitOfWork.run(() => request.revoker.revokeSession(id, phoneSession.id))).toBe(true);

    await expect(app.request(phone).identity.currentUserId()).rejects.toThrow(NotAuthenticatedError);
    expect(await app.request(laptop).identity.currentUserId()).toBe(id);
  });
});
