import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

describe.each<Provider>(["sqlite", "postgresql"])("users and account procedures over HTTP on %s", (provider) => {
  let harness: Harness;
  let root: Browser;
  let rootId: string;
  let admin: Browser;
  let adminId: string;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    rootId = await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin");
    ({ id: adminId } = await root.client.users.create.mutate({
      username: "the.admin",
      password: PASSWORD,
      role: "admin",
    }));
    admin = await harness.loggedIn("the.admin");
  });

  afterAll(async () => {
    await harness.close();
  });

  it("bootstraps exactly one super admin, only in process", async () => {
    expect(await root.client.account.me.query()).toMatchObject({ id: rootId, role: "super_admin", isActive: true });
    const again = await harness.gatehouse
      .localCaller()
      .system.bootstrapSuperAdmin({ username: "second.root", password: PASSWORD })
      .catch((error: { code: string; cause: { code: string } }) => error);
    expect(again).toMatchObject({ code: "CONFLICT", cause: { code: "SUPER_ADMIN_EXISTS" } });
    const overHttp = await fetch(`${harness.url}/api/trpc/system.bootstrapSuperAdmin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "sneaky.root", password: PASSWORD }),
    });
    expect(overHttp.status).toBe(404);
  });

  it("shows each user's last log-in in users.get and users.list: null until they log in", async () => {
    const { id } = await admin.client.users.create.mutate({ username: "Logs.In", password: PASSWORD, role: "user" });
    expect((await admin.client.users.get.query({ userId: id })).lastLogInAt).toBeNull();
    await harness.loggedIn("logs.in");
    const { sessions } = { sessions: await admin.client.users.sessions.query({ userId: id }) };
    expect(sessions).toHaveLength(1);
    const { lastLogInAt } = await admin.client.users.get.query({ userId: id });
    expect(lastLogInAt).toBe(sessions[0]!.createdAt);
    const { items } = await admin.client.users.list.query({ search: "logs.in" });
    expect(items.map((item) => [item.username, item.lastLogInAt])).toEqual([["Logs.In", lastLogInAt]]);
  });

  it("creates users and admins, with the contract's errors", async () => {
    const { id } = await admin.client.users.create.mutate({
      username: "Made.By.Admin",
      password: PASSWORD,
      role: "user",
    });
    expect(await admin.client.users.get.query({ userId: id })).toEqual({
      id,
      username: "Made.By.Admin",
      role: "user",
      isActive: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      lastLogInAt: null,
      mfaEnabled: false,
      can: {
        setPassword: true,
        grantAdmin: false,
        revokeAdmin: false,
        activate: true,
        deactivate: true,
        viewSessions: true,
        endSessions: true,
        resetMfa: true,
      },
    });
    expect(
      (await failureOf(admin.client.users.create.mutate({ username: "admin.two", password: PASSWORD, role: "admin" })))
        .data,
    ).toMatchObject({
      code: "FORBIDDEN",
      httpStatus: 403,
      appCode: "PERMISSION_DENIED",
    });
    expect(
      (
        await failureOf(
          admin.client.users.create.mutate({ username: "made.by.admin", password: PASSWORD, role: "user" }),
        )
      ).data,
    ).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      appCode: "USERNAME_TAKEN",
    });
    expect(
      (await failureOf(root.client.users.create.mutate({ username: "x", password: "short", role: "super_admin" })))
        .data,
    ).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "VALIDATION_FAILED",
      fieldErrors: {
        username: ["Username must be 5–20 characters long."],
        password: ["Password must be 8–128 characters long."],
        role: ["Role must be one of admin, user."],
      },
    });
    expect(
      await root.client.users.create.mutate({ username: "admin.made", password: PASSWORD, role: "admin" }),
    ).toHaveProperty("id");
  });

  it("lists with a keyset cursor, filters and a total", async () => {
    for (const name of ["page.a1", "page.a2", "page.a3", "page.a4", "page.a5"]) {
      await admin.client.users.create.mutate({ username: name, password: PASSWORD, role: "user" });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.client.users.list.query>> = await admin.client.users.list.query({
        search: "PAGE.A",
        sortBy: "username",
        order: "asc",
        limit: 2,
        includeTotal: true,
        cursor,
      });
      expect(page.total).toBe(5);
      seen.push(...page.items.map((item) => item.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["page.a1", "page.a2", "page.a3", "page.a4", "page.a5"]);

    const admins = await root.client.users.list.query({ role: "admin" });
    // Not empty (an empty list would pass `every`): at least the admin made in beforeAll, and only admins.
    expect(admins.items.map((item) => item.username)).toContain("the.admin");
    expect(admins.items.map((item) => item.role)).toEqual(admins.items.map(() => "admin"));
    expect(admins).not.toHaveProperty("total");
    expect((await admin.client.users.list.query()).items.length).toBeLessThanOrEqual(20);
  });

  it("says on every listed and fetched user what the caller may do to them", async () => {
    const { id: userId } = await root.client.users.create.mutate({
      username: "can.target",
      password: PASSWORD,
      role: "user",
    });
    const everything = {
      setPassword: true,
      grantAdmin: true,
      revokeAdmin: true,
      activate: true,
      deactivate: true,
      viewSessions: true,
      endSessions: true,
      resetMfa: true,
    };
    const nothing = Object.fromEntries(Object.keys(everything).map((action) => [action, false]));
    const canOf = async (caller: Browser, search: string) =>
      Object.fromEntries(
        (await caller.client.users.list.query({ search })).items.map((item) => [item.username, item.can]),
      );

    expect(await canOf(root, "root.admin")).toEqual({ "root.admin": nothing });
    expect(await canOf(root, "the.admin")).toEqual({ "the.admin": everything });
    expect(await canOf(root, "can.target")).toEqual({ "can.target": everything });
    expect(await canOf(admin, "root.admin")).toEqual({ "root.admin": nothing });
    expect(await canOf(admin, "the.admin")).toEqual({ "the.admin": nothing });
    expect(await canOf(admin, "can.target")).toEqual({
      "can.target": { ...everything, grantAdmin: false, revokeAdmin: false },
    });
    expect((await root.client.users.get.query({ userId: adminId })).can).toEqual(everything);
    expect((await admin.client.users.get.query({ userId })).can).toEqual({
      ...everything,
      grantAdmin: false,
      revokeAdmin: false,
    });
    expect((await admin.client.users.get.query({ userId: rootId })).can).toEqual(nothing);
    expect(await admin.client.account.me.query()).not.toHaveProperty("can");
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: 101 }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ sortBy: "password_hash" }, "sortBy"],
    [{ order: "up" }, "order"],
    [{ cursor: "garbage!" }, "cursor"],
    [{ isActive: "yes" }, "isActive"],
    [{ unknown: 1 }, "unknown"],
  ])("refuses list input %j naming %s", async (input, field) => {
    const failure = await failureOf(admin.client.users.list.query(input as never));
    expect(failure.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION_FAILED" });
    expect(Object.keys(failure.data.fieldErrors!)).toContain(field);
  });

  it("reports an unknown or malformed user id", async () => {
    expect(
      (await failureOf(admin.client.users.get.query({ userId: "01900000-0000-7000-8000-000000000000" }))).data,
    ).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
      appCode: "USER_NOT_FOUND",
    });
    expect((await failureOf(admin.client.users.deactivate.mutate({ userId: "me" }))).data).toMatchObject({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
  });

  it("refuses to touch the super admin with the contract's own codes", async () => {
    expect((await failureOf(admin.client.users.deactivate.mutate({ userId: rootId }))).data).toMatchObject({
      code: "FORBIDDEN",
      appCode: "ACTIVATION_CHANGE_NOT_PERMITTED",
    });
    expect((await failureOf(root.client.users.revokeAdmin.mutate({ userId: rootId }))).data).toMatchObject({
      code: "FORBIDDEN",
      appCode: "ROLE_CHANGE_NOT_PERMITTED",
    });
    expect(
      (await failureOf(admin.client.users.setPassword.mutate({ userId: adminId, password: PASSWORD }))).data,
    ).toMatchObject({
      appCode: "PERMISSION_DENIED",
    });
  });

  it("grants and revokes admin idempotently", async () => {
    const { id } = await root.client.users.create.mutate({ username: "promoted", password: PASSWORD, role: "user" });
    expect(await root.client.users.grantAdmin.mutate({ userId: id })).toEqual({ ok: true });
    expect(await root.client.users.grantAdmin.mutate({ userId: id })).toEqual({ ok: true });
    expect((await root.client.users.get.query({ userId: id })).role).toBe("admin");
    expect(await root.client.users.revokeAdmin.mutate({ userId: id })).toEqual({ ok: true });
    expect(await root.client.users.revokeAdmin.mutate({ userId: id })).toEqual({ ok: true });
    expect((await root.client.users.get.query({ userId: id })).role).toBe("user");
  });

  it("deactivating ends the user's sessions at once; they cannot log in until activated", async () => {
    const { id } = await admin.client.users.create.mutate({
      username: "to.deactivate",
      password: PASSWORD,
      role: "user",
    });
    const victim = await harness.loggedIn("to.deactivate");

    expect(await admin.client.users.deactivate.mutate({ userId: id })).toEqual({ ok: true });
    expect(await admin.client.users.deactivate.mutate({ userId: id })).toEqual({ ok: true });

    expect((await failureOf(victim.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect((await failureOf(harness.loggedIn("to.deactivate"))).data).toMatchObject({
      code: "FORBIDDEN",
      appCode: "ACCOUNT_INACTIVE",
    });
    expect(
      (
        await failureOf(
          harness.browser().client.account.logIn.mutate({ username: "to.deactivate", password: "wrong horse" }),
        )
      ).data.appCode,
    ).toBe("INVALID_CREDENTIALS");

    expect(await admin.client.users.activate.mutate({ userId: id })).toEqual({ ok: true });
    expect(await (await harness.loggedIn("to.deactivate")).client.account.me.query()).toMatchObject({ isActive: true });
  });

  it("setting a user's password ends all of their sessions", async () => {
    const { id } = await admin.client.users.create.mutate({ username: "forgetful", password: PASSWORD, role: "user" });
    const laptop = await harness.loggedIn("forgetful");

    expect(await admin.client.users.setPassword.mutate({ userId: id, password: "a brand new secret" })).toEqual({
      ok: true,
    });

    expect((await failureOf(laptop.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect(await (await harness.loggedIn("forgetful", "a brand new secret")).client.account.me.query()).toMatchObject({
      id,
    });
  });

  it("changing one's own password keeps this session and ends the others", async () => {
    await admin.client.users.create.mutate({ username: "careful", password: PASSWORD, role: "user" });
    const laptop = await harness.loggedIn("careful");
    const phone = await harness.loggedIn("careful");

    expect(
      await laptop.client.account.changePassword.mutate({
        currentPassword: PASSWORD,
        newPassword: "an even better one",
      }),
    ).toEqual({
      ok: true,
    });

    expect(await laptop.client.account.me.query()).toMatchObject({ username: "careful" });
    expect((await failureOf(phone.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect(
      (
        await failureOf(
          laptop.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "whatever else" }),
        )
      ).data,
    ).toMatchObject({
      code: "FORBIDDEN",
      appCode: "CURRENT_PASSWORD_INVALID",
    });
    expect(
      (
        await failureOf(
          laptop.client.account.changePassword.mutate({
            currentPassword: "an even better one",
            newPassword: "an even better one",
          }),
        )
      ).data,
    ).toMatchObject({ code: "BAD_REQUEST", appCode: "PASSWORD_UNCHANGED" });
    expect(
      (
        await failureOf(
          laptop.client.account.changePassword.mutate({ currentPassword: "an even better one", newPassword: "short" }),
        )
      ).data,
    ).toMatchObject({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { newPassword: ["Password must be 8–128 characters long."] },
    });
  });

  it("logs who did what to whom, and never a password, hash, token or cookie", async () => {
    const { id } = await admin.client.users.create.mutate({
      username: "logged.user",
      password: "log-secret-123",
      role: "user",
    });
    const browser = await harness.loggedIn("logged.user", "log-secret-123");
    await admin.client.users.deactivate.mutate({ userId: id });
    await failureOf(
      harness.browser().client.account.logIn.mutate({ username: "logged.user", password: "wrong-secret-456" }),
    );

    const lines = harness.logs;
    expect(lines).toContainEqual(
      expect.objectContaining({
        procedure: "users.deactivate",
        outcome: "ok",
        actorId: adminId,
        targetId: id,
        requestId: expect.any(String),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ procedure: "account.logIn", outcome: "ok", actorId: id }));
    expect(lines).toContainEqual(expect.objectContaining({ procedure: "account.logIn", outcome: "ACCOUNT_INACTIVE" }));
    const text = JSON.stringify(lines);
    const token = [...browser.cookies.values()][0]!;
    for (const secret of ["log-secret-123", "wrong-secret-456", token, "$argon2id$", "gatehouse_session="]) {
      expect(text).not.toContain(secret);
    }
  });
});
