import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

describe.each<Provider>(["sqlite", "postgresql"])("sessions over HTTP on %s", (provider) => {
  let harness: Harness;
  let admin: Browser;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    await harness.bootstrapSuperAdmin("root.admin");
    const root = await harness.loggedIn("root.admin");
    await root.client.users.create.mutate({ username: "the.admin", password: PASSWORD, role: "admin" });
    await root.client.users.create.mutate({ username: "sam.user", password: PASSWORD, role: "user" });
    admin = await harness.loggedIn("the.admin");
  });

  afterAll(async () => {
    await harness.close();
  });

  it("lists the caller's sessions with the current one marked, and never a token", async () => {
    const laptop = await harness.loggedIn("sam.user");
    const phone = await harness.loggedIn("sam.user");
    const sessions = await laptop.client.account.sessions.query();

    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      ipAddress: "127.0.0.1",
      userAgent: expect.any(String),
      current: expect.any(Boolean),
    });
    const text = JSON.stringify(sessions);
    for (const browser of [laptop, phone])
      for (const token of browser.cookies.values()) expect(text).not.toContain(token);
  });

  it("ending a session makes its cookie NOT_AUTHENTICATED at once", async () => {
    const laptop = await harness.loggedIn("sam.user");
    const phone = await harness.loggedIn("sam.user");
    const phoneSession = (await phone.client.account.sessions.query()).find((s) => s.current)!;

    expect(await laptop.client.account.endSession.mutate({ sessionId: phoneSession.id })).toEqual({ ok: true });

    expect((await failureOf(phone.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect(await laptop.client.account.me.query()).toMatchObject({ username: "sam.user" });
    expect(
      (await failureOf(laptop.client.account.endSession.mutate({ sessionId: phoneSession.id }))).data,
    ).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
      appCode: "SESSION_NOT_FOUND",
    });
  });

  it("cannot end another user's session: it looks like an unknown one", async () => {
    const sam = await harness.loggedIn("sam.user");
    const samSession = (await sam.client.account.sessions.query()).find((s) => s.current)!;
    const failure = await failureOf(admin.client.account.endSession.mutate({ sessionId: samSession.id }));
    expect(failure.data.appCode).toBe("SESSION_NOT_FOUND");
    expect(await sam.client.account.me.query()).toMatchObject({ username: "sam.user" });
  });

  it("ends every other session of the caller and keeps this one", async () => {
    const here = await harness.loggedIn("sam.user");
    const elsewhere = [await harness.loggedIn("sam.user"), await harness.loggedIn("sam.user")];

    expect(await here.client.account.endOtherSessions.mutate()).toEqual({ ok: true });

    expect(await here.client.account.sessions.query()).toEqual([expect.objectContaining({ current: true })]);
    for (const browser of elsewhere) {
      expect((await failureOf(browser.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    }
  });

  it("lets an admin see and end a subordinate's sessions", async () => {
    const { items } = await admin.client.users.list.query({ search: "sam.user" });
    const samId = items[0]!.id;
    const sam = await harness.loggedIn("sam.user");

    const seen = await admin.client.users.sessions.query({ userId: samId });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.every((s) => s.current === false)).toBe(true); // none of them is the admin's

    expect(await admin.client.users.endSessions.mutate({ userId: samId })).toEqual({ ok: true });
    expect(await admin.client.users.sessions.query({ userId: samId })).toEqual([]);
    expect((await failureOf(sam.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
  });
});
