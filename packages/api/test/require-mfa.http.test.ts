// REQUIRE_MFA over real HTTP, on SQLite and PostgreSQL: who must set up two-factor first, and
// what such a caller may do meanwhile (read account.me, manage two-factor, log out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../src/server";
import {
  codeAt,
  failureOf,
  outcomeOf,
  PASSWORD,
  startHarness,
  type Browser,
  type Harness,
  type Provider,
} from "./http-harness";

const ENROLMENT_REQUIRED = { appCode: "MFA_ENROLMENT_REQUIRED", httpStatus: 403 };

/** Sets up two-factor from a logged-in browser. */
async function enrol(harness: Harness, browser: Browser): Promise<void> {
  const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
  await browser.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
}

/** A new user with the password PASSWORD, logged in with it (no two-factor yet). */
async function newUser(harness: Harness, username: string): Promise<{ id: string; browser: Browser }> {
  const browser = harness.browser();
  const { id } = await browser.client.account.signUp.mutate({ username, password: PASSWORD });
  expect(await browser.client.account.logIn.mutate({ username, password: PASSWORD })).toMatchObject({ id });
  return { id, browser };
}

/** Calls a caller who must enrol is refused, whatever their role would allow (each would change or show something). */
function refusedCalls(browser: Browser, userId: string): Array<[string, () => Promise<unknown>]> {
  const { client } = browser;
  return [
    ["account.sessions", () => client.account.sessions.query()],
    [
      "account.changePassword",
      () => client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "a new horse" }),
    ],
    ["account.endSession", () => client.account.endSession.mutate({ sessionId: "some-session" })],
    ["account.endOtherSessions", () => client.account.endOtherSessions.mutate()],
    ["users.list", () => client.users.list.query()],
    ["users.get", () => client.users.get.query({ userId })],
    ["users.resetMfa", () => client.users.resetMfa.mutate({ userId })],
    ["audit.list", () => client.audit.list.query()],
  ];
}

/** Every refused call answers 403 MFA_ENROLMENT_REQUIRED (the procedure is named when one does not). */
async function expectAllRefused(browser: Browser, userId: string): Promise<void> {
  for (const [procedure, call] of refusedCalls(browser, userId)) {
    const { data } = await failureOf(call());
    expect({ procedure, appCode: data.appCode, httpStatus: data.httpStatus }).toEqual({
      procedure,
      ...ENROLMENT_REQUIRED,
    });
  }
}

describe.each<Provider>(["sqlite", "postgresql"])("REQUIRE_MFA=all (%s)", (provider) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ REQUIRE_MFA: "all" }, provider);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("a user without two-factor may read me and set it up; everything else is MFA_ENROLMENT_REQUIRED until then", async () => {
    const { id, browser } = await newUser(harness, "must.enrol");
    expect(await browser.client.account.me.query()).toMatchObject({ id, username: "must.enrol" });
    expect(await browser.client.account.mfa.status.query()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
    await expectAllRefused(browser, id);

    await enrol(harness, browser);
    expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true });
    expect(await browser.client.account.sessions.query()).toMatchObject([{ current: true }]);
    expect(await browser.client.account.endOtherSessions.mutate()).toEqual({ ok: true });
    // What is left is the role's own answer: a user administers nobody.
    expect(await outcomeOf(browser.client.users.list.query())).toBe("PERMISSION_DENIED");
    expect(
      await browser.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "a new horse" }),
    ).toEqual({ ok: true });
  });

  it("an administrator without two-factor is held to the same, and administers once enrolled", async () => {
    await harness.bootstrapSuperAdmin("all.root");
    const root = await harness.loggedIn("all.root");
    const failure = await failureOf(root.client.users.list.query());
    expect(failure.data).toMatchObject(ENROLMENT_REQUIRED);

    await enrol(harness, root);
    const { items } = await root.client.users.list.query();
    expect(items.map((user) => user.username)).toContain("all.root");
  });

  it("a user without two-factor may log out", async () => {
    const { browser } = await newUser(harness, "leaves.early");
    expect(await browser.client.account.logOut.mutate()).toEqual({ ok: true });
    expect(await outcomeOf(browser.client.account.me.query())).toBe("NOT_AUTHENTICATED");
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("REQUIRE_MFA=admins (%s)", (provider) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ REQUIRE_MFA: "admins" }, provider);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("leaves plain users alone", async () => {
    const { id, browser } = await newUser(harness, "plain.user");
    expect(await browser.client.account.sessions.query()).toMatchObject([{ current: true }]);
    expect(await browser.client.account.endOtherSessions.mutate()).toEqual({ ok: true });
    expect(
      await browser.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "a new horse" }),
    ).toEqual({ ok: true });
    expect(await outcomeOf(browser.client.users.get.query({ userId: id }))).toBe("PERMISSION_DENIED");
  });

  it("refuses an admin without two-factor users.list with MFA_ENROLMENT_REQUIRED until they enrol", async () => {
    // The super admin is an administrator too: it enrols before it can create the admin.
    await harness.bootstrapSuperAdmin("admins.root");
    const root = await harness.loggedIn("admins.root");
    expect((await failureOf(root.client.users.list.query())).data).toMatchObject(ENROLMENT_REQUIRED);
    await enrol(harness, root);
    const { id } = await root.client.users.create.mutate({ username: "new.admin", password: PASSWORD, role: "admin" });

    const admin = await harness.loggedIn("new.admin");
    expect(await admin.client.account.me.query()).toMatchObject({ id, role: "admin" });
    await expectAllRefused(admin, id);

    await enrol(harness, admin);
    const { items } = await admin.client.users.list.query();
    expect(items.map((user) => user.username)).toContain("new.admin");
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("an invalid REQUIRE_MFA (%s)", (provider) => {
  it("is a start-up error naming the variable and its choices", async () => {
    const start = startHarness({ REQUIRE_MFA: "admin" }, provider);
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow("REQUIRE_MFA: must be one of none, admins, all");
  });
});
