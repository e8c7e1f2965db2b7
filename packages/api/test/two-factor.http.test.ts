// Two-factor authentication over real HTTP, on SQLite and PostgreSQL. Codes are computed here
// with RFC 6238 at the app's clock (a TestClock), so moving to the next time step is a step
// of the clock, not a wait.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@gatehouse/infra";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  newAdmin as newAdminOf,
  startSuite,
  stopSuite,
} from "./http-harness";

const OTHER_PASSWORD = "another horse battery";
const WRONG_PASSWORD = "wrong horse battery";
/** A well-formed id nobody has. */
const UNKNOWN_USER_ID = "01900000-0000-7000-8000-0000000a11ce";

/** A 6-digit code that is the right one at no step near now (five steps are checked, six candidates). */
function wrongCode(harness: Harness, secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => codeAt(harness, secret, steps)));
  return ["000000", "111111", "222222", "333333", "444444", "555555"].find((code) => !near.has(code))!;
}

/** Two-factor procedures tried with the user's own state: used by both the main suite and the budget suite. */
function twoFactorHelpers(get: () => Harness, prefix: string) {
  let serial = 0;

  /** A new user, signed up and logged in (no two-factor yet). */
  async function newUser(): Promise<{ id: string; username: string; browser: Browser }> {
    const harness = get();
    const username = `${prefix}${++serial}`;
    const browser = harness.browser();
    const { id } = await browser.client.account.signUp.mutate({ username, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username, password: PASSWORD });
    return { id, username, browser };
  }

  /** Sets up two-factor from a logged-in browser; the code that confirmed it is returned (its step is spent). */
  async function enrol(browser: Browser): Promise<{ secret: string; recoveryCodes: string[]; enrolmentCode: string }> {
    const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
    const enrolmentCode = codeAt(get(), secret);
    const { recoveryCodes } = await browser.client.account.mfa.confirmTotp.mutate({ code: enrolmentCode });
    return { secret, recoveryCodes, enrolmentCode };
  }

  /** A new user, logged in, with two-factor enrolled, and the clock past the confirming code's step. */
  async function enrolledUser() {
    const user = await newUser();
    const enrolment = await enrol(user.browser);
    nextStep();
    return { ...user, ...enrolment };
  }

  /** A new browser that gave the right password and holds a challenge. */
  async function challenged(username: string): Promise<Browser> {
    const browser = get().browser();
    expect(await browser.client.account.logIn.mutate({ username, password: PASSWORD })).toEqual({ mfaRequired: true });
    return browser;
  }

  /** A new browser logged in with both steps; the clock then moves past the code's step. */
  async function logInWithCode(username: string, secret: string): Promise<Browser> {
    const browser = await challenged(username);
    await browser.client.account.completeMfa.mutate({ code: codeAt(get(), secret) });
    nextStep();
    return browser;
  }

  /** The next time step: codes of earlier ones may have been spent. */
  function nextStep(): void {
    get().clock.advance(TOTP_STEP_MS);
  }

  return { newUser, enrol, enrolledUser, challenged, logInWithCode, nextStep };
}

describe.each<Provider>(["sqlite", "postgresql"])("two-factor authentication (%s)", (provider) => {
  let harness: Harness;
  /** The database itself, to see what is kept at rest. */
  let prisma: PrismaClient;
  let root: Browser;
  let rootId: string;
  const { newUser, enrol, enrolledUser, challenged, logInWithCode, nextStep } = twoFactorHelpers(
    () => harness,
    "mfa.user",
  );

  beforeAll(async () => ({ harness, prisma, rootId, root } = await startSuite(provider)));
  afterAll(() => stopSuite({ harness, prisma }));

  const newAdmin = (name: string) => newAdminOf({ harness, root }, name);

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
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    const status = await browser.client.account.mfa.status.query();
    expect(status).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    expect(status.enabledAt).not.toBeNull();
    nextStep();
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

  it("logs in with a recovery code once: the code is spent, nine are left, and its use is audited", async () => {
    const { id, username, recoveryCodes } = await enrolledUser();
    const browser = await challenged(username);
    expect(await browser.client.account.completeMfa.mutate({ recoveryCode: recoveryCodes[0]! })).toMatchObject({
      id,
      username,
    });
    expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 9 });

    const again = await challenged(username);
    const reused = await failureOf(again.client.account.completeMfa.mutate({ recoveryCode: recoveryCodes[0]! }));
    expect(reused.data).toMatchObject({ appCode: "INVALID_MFA_CODE", httpStatus: 401 });
    expect(again.cookies.has("gatehouse_session")).toBe(false);

    const { items } = await root.client.audit.list.query({ type: "mfa.recovery_code_used", targetId: id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorId: id, targetId: id });
  });

  describe("replay", () => {
    it("refuses a code already accepted, in a new log-in at the same step", async () => {
      const { username, secret } = await enrolledUser();
      const code = codeAt(harness, secret);
      await (await challenged(username)).client.account.completeMfa.mutate({ code });

      const replay = await challenged(username);
      expect(await outcomeOf(replay.client.account.completeMfa.mutate({ code }))).toBe("INVALID_MFA_CODE");
      expect(replay.cookies.has("gatehouse_session")).toBe(false);
    });

    it("refuses an older step's code once a newer step's code was accepted", async () => {
      const { username, secret } = await enrolledUser();
      const older = codeAt(harness, secret);
      await (await challenged(username)).client.account.completeMfa.mutate({ code: codeAt(harness, secret, 1) });

      const late = await challenged(username);
      expect(await outcomeOf(late.client.account.completeMfa.mutate({ code: older }))).toBe("INVALID_MFA_CODE");
      expect(late.cookies.has("gatehouse_session")).toBe(false);
    });

    it("refuses the code that confirmed enrolment; the next step's code logs in", async () => {
      const { username, browser } = await newUser();
      const { secret, enrolmentCode } = await enrol(browser);

      const challenge = await challenged(username);
      const replayed = challenge.client.account.completeMfa.mutate({ code: enrolmentCode });
      expect(await outcomeOf(replayed)).toBe("INVALID_MFA_CODE");
      // The same challenge, a later step: the refusal was the replay, not the challenge or the clock.
      await challenge.client.account.completeMfa.mutate({ code: codeAt(harness, secret, 1) });
      expect((await challenge.client.account.me.query()).username).toBe(username);
      nextStep();
      nextStep();
    });

    it("lets exactly one of two log-ins that race with the same code in, round after round", async () => {
      const { id, username, secret } = await enrolledUser();
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const browsers = [await challenged(username), await challenged(username)];
        const code = codeAt(harness, secret);
        const outcomes = await Promise.all(
          browsers.map((browser) => outcomeOf(browser.client.account.completeMfa.mutate({ code }))),
        );
        expect(outcomes.sort()).toEqual(["INVALID_MFA_CODE", "ok"]);
        expect(browsers.filter((browser) => browser.cookies.has("gatehouse_session"))).toHaveLength(1);
        nextStep();
      }
      // The enrolling browser's session and one per round: no loser got one.
      expect(await root.client.users.sessions.query({ userId: id })).toHaveLength(1 + rounds);
    });
  });

  describe("the challenge", () => {
    it("ends after five wrong codes: the sixth try, even with the right code, is refused", async () => {
      const { id, username, secret } = await enrolledUser();
      const browser = await challenged(username);
      const token = browser.cookies.get("gatehouse_mfa")!;
      const wrong = wrongCode(harness, secret);
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await outcomeOf(browser.client.account.completeMfa.mutate({ code: wrong }))).toBe("INVALID_MFA_CODE");
      }
      expect(browser.cookies.has("gatehouse_mfa")).toBe(false); // cleared with the fifth answer
      expect(await prisma.mfaChallenge.count({ where: { userId: id } })).toBe(0);

      browser.cookies.set("gatehouse_mfa", token); // a copy kept
      const sixth = await failureOf(browser.client.account.completeMfa.mutate({ code: codeAt(harness, secret) }));
      expect(sixth.data).toMatchObject({ appCode: "MFA_CHALLENGE_EXPIRED", httpStatus: 401 });
      expect(browser.cookies.has("gatehouse_session")).toBe(false);
      expect(await root.client.audit.list.query({ type: "login.mfa_failed", targetId: id })).toMatchObject({
        items: Array.from({ length: 5 }, () => ({ type: "login.mfa_failed", actorId: null, targetId: id })),
      });
      // The refused sixth try spent nothing: the same code logs in with the password again.
      await (await challenged(username)).client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
    });

    it("expires five minutes after the password was given", async () => {
      const { username, secret } = await enrolledUser();
      const browser = await challenged(username);
      harness.clock.advance(301_000);
      const late = browser.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
      expect(await outcomeOf(late)).toBe("MFA_CHALLENGE_EXPIRED");
      expect(browser.cookies.has("gatehouse_session")).toBe(false);
    });

    it("is used once: a copy of its cookie in another browser is refused after the log-in", async () => {
      const { username, secret } = await enrolledUser();
      const first = await challenged(username);
      const copy = harness.browser();
      copy.cookies.set("gatehouse_mfa", first.cookies.get("gatehouse_mfa")!);
      await first.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
      nextStep(); // a code that would still be good

      const late = copy.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
      expect(await outcomeOf(late)).toBe("MFA_CHALLENGE_EXPIRED");
      expect(copy.cookies.has("gatehouse_session")).toBe(false);
    });

    it("is needed: without its cookie, MFA_CHALLENGE_EXPIRED", async () => {
      const { secret } = await enrolledUser();
      const browser = harness.browser();
      const answer = browser.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
      expect(await outcomeOf(answer)).toBe("MFA_CHALLENGE_EXPIRED");
    });

    it.each([
      [
        "an admin sets the user's password",
        (user: { id: string; browser: Browser }) =>
          root.client.users.setPassword.mutate({ userId: user.id, password: OTHER_PASSWORD }),
      ],
      [
        "the user changes it from another session",
        (user: { id: string; browser: Browser }) =>
          user.browser.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: OTHER_PASSWORD }),
      ],
    ])("dies when %s meanwhile", async (_label, changePassword) => {
      const user = await enrolledUser();
      const browser = await challenged(user.username);
      await changePassword(user);

      const answer = browser.client.account.completeMfa.mutate({ code: codeAt(harness, user.secret) });
      expect(await outcomeOf(answer)).toBe("MFA_CHALLENGE_EXPIRED");
      expect(browser.cookies.has("gatehouse_session")).toBe(false);
      expect(await prisma.mfaChallenge.count({ where: { userId: user.id } })).toBe(0);
    });

    it("is an HttpOnly, SameSite=Lax cookie for five minutes, kept in the database only as a hash", async () => {
      const { id, username } = await enrolledUser();
      const browser = await challenged(username);
      const header = browser.setCookieHeaders.find((line) => line.startsWith("gatehouse_mfa="))!;
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      expect(attributes.map((attribute) => attribute.toLowerCase()).sort()).toEqual([
        "httponly",
        "max-age=300",
        "path=/",
        "samesite=lax",
      ]);
      const token = pair!.slice("gatehouse_mfa=".length);
      expect(token.length).toBeGreaterThanOrEqual(32);

      const rows = await prisma.mfaChallenge.findMany({ where: { userId: id } });
      expect(rows.map((row) => row.id)).toEqual([createHash("sha256").update(token).digest("hex")]);
      expect(JSON.stringify(rows)).not.toContain(token);
    });
  });

  it("answers a wrong password with INVALID_CREDENTIALS and no challenge", async () => {
    const { id, username } = await enrolledUser();
    const browser = harness.browser();
    const logIn = browser.client.account.logIn.mutate({ username, password: WRONG_PASSWORD });
    expect(await outcomeOf(logIn)).toBe("INVALID_CREDENTIALS");
    expect(browser.setCookieHeaders).toEqual([]);
    expect(await prisma.mfaChallenge.count({ where: { userId: id } })).toBe(0);
  });

  describe("enrolment", () => {
    it("beginTotp with a wrong password: CURRENT_PASSWORD_INVALID, and nothing pending", async () => {
      const { id, browser } = await newUser();
      const begin = await failureOf(browser.client.account.mfa.beginTotp.mutate({ password: WRONG_PASSWORD }));
      expect(begin.data).toMatchObject({ appCode: "CURRENT_PASSWORD_INVALID", httpStatus: 403 });
      expect(await prisma.totpFactor.count({ where: { userId: id } })).toBe(0);
      expect(await outcomeOf(browser.client.account.mfa.confirmTotp.mutate({ code: "123456" }))).toBe(
        "MFA_NOT_ENABLED",
      );
    });

    it("beginTotp while two-factor is on: MFA_ALREADY_ENABLED, and the factor is kept", async () => {
      const { id, browser } = await enrolledUser();
      const factor = await prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
      const begin = await failureOf(browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD }));
      expect(begin.data).toMatchObject({ appCode: "MFA_ALREADY_ENABLED", httpStatus: 409 });
      expect(await prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } })).toEqual(factor);
    });

    it("confirmTotp: MFA_NOT_ENABLED before beginTotp; a wrong or malformed code leaves it pending", async () => {
      const { browser } = await newUser();
      const confirm = (code: string) => browser.client.account.mfa.confirmTotp.mutate({ code });
      expect((await failureOf(confirm("123456"))).data).toMatchObject({ appCode: "MFA_NOT_ENABLED", httpStatus: 409 });

      const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
      expect((await failureOf(confirm(wrongCode(harness, secret)))).data).toMatchObject({
        appCode: "INVALID_MFA_CODE",
        httpStatus: 401,
      });
      for (const malformed of ["12345", "1234567", "abcdef"]) {
        const failure = await failureOf(confirm(malformed));
        expect(failure.data.appCode).toBe("VALIDATION_FAILED");
        expect(Object.keys(failure.data.fieldErrors!)).toEqual(["code"]);
      }
      expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: false });

      // Still pending: the right code confirms it.
      await confirm(codeAt(harness, secret));
      expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true });
      nextStep();
    });
  });

  describe("a change of factors ends the user's other sessions and keeps the current one", () => {
    it("confirmTotp", async () => {
      const { id, username, browser } = await newUser();
      const other = await harness.loggedIn(username);
      await enrol(browser);
      nextStep();
      expect(await outcomeOf(other.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect((await browser.client.account.me.query()).username).toBe(username);
      const { items } = await root.client.audit.list.query({ type: "mfa.enabled", targetId: id });
      expect(items).toMatchObject([{ actorId: id, targetId: id }]);
    });

    it.each([
      [
        "disable",
        (browser: Browser, code: string) => browser.client.account.mfa.disable.mutate({ password: PASSWORD, code }),
      ],
      [
        "regenerateRecoveryCodes",
        (browser: Browser, code: string) =>
          browser.client.account.mfa.regenerateRecoveryCodes.mutate({ password: PASSWORD, code }),
      ],
    ])("%s", async (_procedure, change) => {
      const { username, secret, browser } = await enrolledUser();
      const other = await logInWithCode(username, secret);
      expect((await other.client.account.me.query()).username).toBe(username);

      await change(browser, codeAt(harness, secret));
      nextStep();
      expect(await outcomeOf(other.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect((await browser.client.account.me.query()).username).toBe(username);
    });
  });

  describe("disable", () => {
    it("needs the password and a current code: with either wrong it is refused and two-factor stays on", async () => {
      const { browser, secret } = await enrolledUser();
      const disable = (password: string, code: string) => browser.client.account.mfa.disable.mutate({ password, code });

      const wrongPassword = await failureOf(disable(WRONG_PASSWORD, codeAt(harness, secret)));
      expect(wrongPassword.data).toMatchObject({ appCode: "CURRENT_PASSWORD_INVALID", httpStatus: 403 });
      const wrong = await failureOf(disable(PASSWORD, wrongCode(harness, secret)));
      expect(wrong.data).toMatchObject({ appCode: "INVALID_MFA_CODE", httpStatus: 401 });
      expect(await browser.client.account.mfa.status.query()).toMatchObject({
        totpEnabled: true,
        recoveryCodesLeft: 10,
      });
    });

    it("takes a recovery code; then the log-in is one step, and disabling again is MFA_NOT_ENABLED", async () => {
      const { id, username, secret, recoveryCodes, browser } = await enrolledUser();
      const disable = (code: string) => browser.client.account.mfa.disable.mutate({ password: PASSWORD, code });
      expect(await disable(recoveryCodes[0]!)).toEqual({ ok: true });
      expect(await browser.client.account.mfa.status.query()).toEqual({
        totpEnabled: false,
        recoveryCodesLeft: 0,
        enabledAt: null,
      });
      expect(await prisma.totpFactor.count({ where: { userId: id } })).toBe(0);
      expect(await prisma.recoveryCode.count({ where: { userId: id } })).toBe(0);
      const { items } = await root.client.audit.list.query({ type: "mfa.disabled", targetId: id });
      expect(items).toMatchObject([{ actorId: id, targetId: id }]);

      const next = harness.browser();
      expect(await next.client.account.logIn.mutate({ username, password: PASSWORD })).toMatchObject({ id, username });
      expect([...next.cookies.keys()]).toEqual(["gatehouse_session"]);

      const again = await failureOf(disable(codeAt(harness, secret)));
      expect(again.data).toMatchObject({ appCode: "MFA_NOT_ENABLED", httpStatus: 409 });
    });
  });

  it("regenerateRecoveryCodes: ten new codes; the old ones stop working, the new ones work", async () => {
    const { id, username, secret, recoveryCodes: old, browser } = await enrolledUser();
    const { recoveryCodes: renewed } = await browser.client.account.mfa.regenerateRecoveryCodes.mutate({
      password: PASSWORD,
      code: codeAt(harness, secret),
    });
    nextStep();
    expect(renewed).toHaveLength(10);
    expect(new Set([...old, ...renewed]).size).toBe(20);
    expect(await browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    const { items } = await root.client.audit.list.query({ type: "mfa.recovery_codes_regenerated", targetId: id });
    expect(items).toMatchObject([{ actorId: id, targetId: id }]);

    const challenge = await challenged(username);
    const answer = (recoveryCode: string) => challenge.client.account.completeMfa.mutate({ recoveryCode });
    for (const code of old.slice(0, 3)) expect(await outcomeOf(answer(code))).toBe("INVALID_MFA_CODE");
    expect(await answer(renewed[0]!)).toMatchObject({ id, username });
    expect(await challenge.client.account.mfa.status.query()).toMatchObject({ recoveryCodesLeft: 9 });
  });

  describe("users.resetMfa", () => {
    it("an admin resets a user's: all their sessions end, it is off, the log-in is one step; audited", async () => {
      const admin = await newAdmin("reset.admin");
      const { id, username, secret, browser } = await enrolledUser();
      const other = await logInWithCode(username, secret);
      const listed = async () =>
        (await admin.browser.client.users.list.query({ search: username })).items.find((user) => user.id === id);
      const before = await admin.browser.client.users.get.query({ userId: id });
      expect(before).toMatchObject({ mfaEnabled: true, can: { resetMfa: true } });
      expect(await listed()).toMatchObject({ mfaEnabled: true });

      expect(await admin.browser.client.users.resetMfa.mutate({ userId: id })).toEqual({ ok: true });
      for (const session of [browser, other])
        expect(await outcomeOf(session.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect(await admin.browser.client.users.get.query({ userId: id })).toMatchObject({ mfaEnabled: false });
      expect(await listed()).toMatchObject({ mfaEnabled: false });

      const next = harness.browser();
      expect(await next.client.account.logIn.mutate({ username, password: PASSWORD })).toMatchObject({ id });
      expect(await next.client.account.mfa.status.query()).toEqual({
        totpEnabled: false,
        recoveryCodesLeft: 0,
        enabledAt: null,
      });
      const { items } = await root.client.audit.list.query({ type: "mfa.reset", targetId: id });
      expect(items).toMatchObject([{ actorId: admin.id, targetId: id }]);

      const again = await failureOf(admin.browser.client.users.resetMfa.mutate({ userId: id }));
      expect(again.data).toMatchObject({ appCode: "MFA_NOT_ENABLED", httpStatus: 409 });
    });

    it("is refused over another admin, the super admin, and to a plain user; USER_NOT_FOUND for an unknown id", async () => {
      const admin = await newAdmin("deny.admin");
      const peer = await newAdmin("peer.admin");
      await enrol(peer.browser);
      nextStep();
      const user = await enrolledUser();
      const target = await enrolledUser();

      expect(await admin.browser.client.users.get.query({ userId: peer.id })).toMatchObject({
        mfaEnabled: true,
        can: { resetMfa: false },
      });
      const reset = (browser: Browser, userId: string) => outcomeOf(browser.client.users.resetMfa.mutate({ userId }));
      expect(await reset(admin.browser, peer.id)).toBe("PERMISSION_DENIED");
      expect(await reset(admin.browser, rootId)).toBe("PERMISSION_DENIED");
      expect(await reset(user.browser, target.id)).toBe("PERMISSION_DENIED");
      expect(await reset(admin.browser, UNKNOWN_USER_ID)).toBe("USER_NOT_FOUND");

      expect(await peer.browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true });
      expect(await target.browser.client.account.mfa.status.query()).toMatchObject({ totpEnabled: true });
    });
  });

  it("completeMfa: exactly one of code and recoveryCode; a signed-in caller is ALREADY_AUTHENTICATED", async () => {
    const { username, secret, recoveryCodes, browser: signedIn } = await enrolledUser();
    const challenge = await challenged(username);
    const code = codeAt(harness, secret);
    for (const input of [{ code, recoveryCode: recoveryCodes[0]! }, {}]) {
      const failure = await failureOf(challenge.client.account.completeMfa.mutate(input));
      expect(failure.data.appCode).toBe("VALIDATION_FAILED");
      expect(Object.keys(failure.data.fieldErrors!).sort()).toEqual(["code", "recoveryCode"]);
    }
    const malformed = await failureOf(challenge.client.account.completeMfa.mutate({ code: "12345" }));
    expect(malformed.data).toMatchObject({ appCode: "VALIDATION_FAILED", fieldErrors: { code: [expect.any(String)] } });

    expect(await outcomeOf(signedIn.client.account.completeMfa.mutate({ code }))).toBe("ALREADY_AUTHENTICATED");
    // None of those spent the code or the challenge.
    expect(await challenge.client.account.completeMfa.mutate({ code })).toMatchObject({ username });
  });

  it("keeps the TOTP secret encrypted and the recovery codes hashed", async () => {
    const { id, secret, recoveryCodes } = await enrolledUser();
    const { encryptedSecret } = await prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
    const key = Buffer.from(decodeBase32IgnorePadding(secret));
    for (const form of [secret, secret.toLowerCase(), key.toString("hex"), key.toString("base64url")]) {
      expect(encryptedSecret).not.toContain(form);
    }
    expect(encryptedSecret).not.toContain(key.toString("base64").replace(/=+$/, ""));

    const rows = await prisma.recoveryCode.findMany({ where: { userId: id } });
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("two-factor and the log-in budget (%s)", (provider) => {
  let harness: Harness;
  const { enrolledUser, challenged } = twoFactorHelpers(() => harness, "budget.user");

  beforeAll(async () => {
    harness = await startHarness({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "3" }, provider, { budgets: "defaults" });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("counts wrong codes across challenges to RATE_LIMITED; a right password forgives nothing without the code", async () => {
    const { username, secret } = await enrolledUser();
    const first = await challenged(username); // 1: the password
    const wrong = wrongCode(harness, secret);
    expect(await outcomeOf(first.client.account.completeMfa.mutate({ code: wrong }))).toBe("INVALID_MFA_CODE"); // 2
    // 3: the right password again; had it forgiven the count, the next code would be the first.
    const second = await challenged(username);
    const limited = await failureOf(second.client.account.completeMfa.mutate({ code: wrong }));
    expect(limited.data).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    // Spent until the window ends: the right code and the right password are refused too.
    const rightCode = second.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
    expect(await outcomeOf(rightCode)).toBe("RATE_LIMITED");
    const rightPassword = harness.browser().client.account.logIn.mutate({ username, password: PASSWORD });
    expect(await outcomeOf(rightPassword)).toBe("RATE_LIMITED");

    harness.clock.advance(limited.data.retryAfterSeconds! * 1000);
    const afterwards = await challenged(username);
    await afterwards.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });
    expect((await afterwards.client.account.me.query()).username).toBe(username);
  });
});
