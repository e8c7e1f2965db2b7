// REQUIRE_MFA over real HTTP, on SQLite and PostgreSQL: who must set up two-factor first, and
// what such a caller may do meanwhile (read account.me, manage two-factor, log out). A passkey
// is a second factor as good as an authenticator app (issue 22).
import { SoftAuthenticator } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../src/server";
import {
  codeAt,
  failureOf,
  outcomeOf,
  PASSWORD,
  startHarness,
  TOTP_STEP_MS,
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

type CreationOptions = Parameters<SoftAuthenticator["createCredential"]>[0];

/** Registers a passkey of `authenticator` from a logged-in browser; its id. */
async function addPasskey(harness: Harness, browser: Browser, authenticator: SoftAuthenticator): Promise<string> {
  const options = await browser.client.account.passkeys.beginRegistration.mutate({ password: PASSWORD });
  // The API types the options by their challenge only; they are the WebAuthn JSON a browser parses.
  const response = authenticator.createCredential(
    options as CreationOptions,
    harness.gatehouse.container.config.appOrigin,
  );
  return (await browser.client.account.passkeys.finishRegistration.mutate({ name: "a passkey", response })).id;
}

/** A new browser logged in with the passkey `authenticator` holds (no username, no password). */
async function logInWithPasskey(harness: Harness, authenticator: SoftAuthenticator): Promise<Browser> {
  const browser = harness.browser();
  const options = await browser.client.account.passkeys.beginLogIn.mutate();
  const response = authenticator.getAssertion(options, harness.gatehouse.container.config.appOrigin);
  await browser.client.account.passkeys.finishLogIn.mutate({ response });
  return browser;
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
    ["admin.overview", () => client.admin.overview.query()],
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

describe.each<Provider>(["sqlite", "postgresql"])("REQUIRE_MFA=admins and passkeys (%s)", (provider) => {
  let harness: Harness;
  let root: Browser;

  beforeAll(async () => {
    harness = await startHarness({ REQUIRE_MFA: "admins" }, provider);
    await harness.bootstrapSuperAdmin("keys.root");
    root = await harness.loggedIn("keys.root");
    // The super admin, held to it too, adds a passkey (and nothing else).
    await addPasskey(harness, root, new SoftAuthenticator());
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** A new admin made by the (enrolled) super admin, logged in with the password (so: not enrolled). */
  async function newAdmin(username: string): Promise<{ id: string; browser: Browser }> {
    const { id } = await root.client.users.create.mutate({ username, password: PASSWORD, role: "admin" });
    return { id, browser: await harness.loggedIn(username) };
  }

  it("a passkey satisfies it: added instead of an app, and used to log in, the admin administers", async () => {
    // The super admin has a passkey and no app.
    expect(await root.client.account.mfa.status.query()).toMatchObject({ totpEnabled: false });
    expect(await outcomeOf(root.client.users.list.query())).toBe("ok");

    const { id, browser } = await newAdmin("passkey.admin");
    await expectAllRefused(browser, id);
    const authenticator = new SoftAuthenticator();
    await addPasskey(harness, browser, authenticator);
    expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: false });
    const { items } = await browser.client.users.list.query();
    expect(items.map((user) => user.username)).toContain("passkey.admin");

    const withPasskey = await logInWithPasskey(harness, authenticator);
    expect(await withPasskey.client.account.me.query()).toMatchObject({ id, role: "admin" });
    expect(await outcomeOf(withPasskey.client.users.list.query())).toBe("ok");
    expect(await outcomeOf(withPasskey.client.audit.list.query())).toBe("ok");
  });

  it("a passkey-only admin's password is not enough: methods [passkey] and no session", async () => {
    const { id, browser } = await newAdmin("passkey.only");
    await addPasskey(harness, browser, new SoftAuthenticator());
    const next = harness.browser();
    const answer = await next.client.account.logIn.mutate({ username: "passkey.only", password: PASSWORD });
    expect(answer).toEqual({ mfaRequired: true, methods: ["passkey"] });
    expect([...next.cookies.keys()]).toEqual([]); // no session, and no code challenge either
    expect(await outcomeOf(next.client.account.me.query())).toBe("NOT_AUTHENTICATED");
    // Nor does an authenticator-app code finish it: there is no app.
    expect(await outcomeOf(next.client.account.completeMfa.mutate({ code: "123456" }))).not.toBe("ok");
    expect(next.cookies.has("gatehouse_session")).toBe(false);
    expect(await root.client.users.sessions.query({ userId: id })).toHaveLength(1); // the enrolling browser's
  });

  it("an app-only admin's password log-in asks for a code, as before passkeys (no methods named)", async () => {
    // README: `methods` comes only when a passkey may finish the log-in; otherwise a code does.
    const { browser } = await newAdmin("app.only");
    await enrol(harness, browser);
    harness.clock.advance(TOTP_STEP_MS);
    const next = harness.browser();
    const answer = await next.client.account.logIn.mutate({ username: "app.only", password: PASSWORD });
    expect(answer).toEqual({ mfaRequired: true });
    expect([...next.cookies.keys()]).toEqual(["gatehouse_mfa"]);
  });

  it("the last second factor stays: removing the last passkey, or turning the app off without one, is refused", async () => {
    const { browser } = await newAdmin("keeps.one");
    const first = await addPasskey(harness, browser, new SoftAuthenticator());
    const second = await addPasskey(harness, browser, new SoftAuthenticator({ synced: true }));
    const remove = (passkeyId: string) =>
      browser.client.account.passkeys.remove.mutate({ passkeyId, password: PASSWORD });

    expect(await remove(first)).toEqual({ ok: true });
    const last = await failureOf(remove(second));
    expect(last.data).toMatchObject(ENROLMENT_REQUIRED);
    expect(last.message).toMatch(/another/i);
    expect((await browser.client.account.passkeys.list.query()).map((passkey) => passkey.id)).toEqual([second]);
    expect(await outcomeOf(browser.client.users.list.query())).toBe("ok");

    // With the app on as well, the passkey may go; then the app may not.
    const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
    await browser.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
    harness.clock.advance(TOTP_STEP_MS);
    expect(await remove(second)).toEqual({ ok: true });
    const disable = browser.client.account.mfa.disable.mutate({ password: PASSWORD, code: codeAt(harness, secret) });
    expect((await failureOf(disable)).data).toMatchObject(ENROLMENT_REQUIRED);
    expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true });

    // And with a passkey again, the app may go.
    await addPasskey(harness, browser, new SoftAuthenticator());
    harness.clock.advance(TOTP_STEP_MS);
    const disabled = browser.client.account.mfa.disable.mutate({ password: PASSWORD, code: codeAt(harness, secret) });
    expect(await disabled).toEqual({ ok: true });
    expect(await outcomeOf(browser.client.users.list.query())).toBe("ok");
  });

  it("a plain user, whom it does not apply to, may remove their only passkey", async () => {
    const { browser } = await newUser(harness, "plain.passkey");
    const only = await addPasskey(harness, browser, new SoftAuthenticator());
    expect(await browser.client.account.passkeys.remove.mutate({ passkeyId: only, password: PASSWORD })).toEqual({
      ok: true,
    });
    expect(await browser.client.account.passkeys.list.query()).toEqual([]);
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("an invalid REQUIRE_MFA (%s)", (provider) => {
  it("is a start-up error naming the variable and its choices", async () => {
    const start = startHarness({ REQUIRE_MFA: "admin" }, provider);
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow("REQUIRE_MFA: must be one of none, admins, all");
  });
});
