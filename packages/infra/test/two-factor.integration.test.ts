// Two-factor storage on real databases: the atomic statements that spend codes and count
// challenge attempts, the challenge cookie and its rows, what removing a factor removes, the
// log-in's password step, and what is kept at rest. Codes are computed here with RFC 6238 at
// the app's clock (a TestClock), so a new time step is a step of the clock, not a wait.
import { createHash } from "node:crypto";
import { InvalidCredentialsError, MfaChallengeExpiredError, type UserId } from "@gatehouse/core";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CookieMfaChallenges,
  MFA_CHALLENGE_ATTEMPTS,
  MFA_CHALLENGE_TTL_SECONDS,
  purgeExpiredMfaChallenges,
  RateLimitedError,
} from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { BrowserCookieJar, createTestApp, type TestApp } from "./fixtures";

const PASSWORD = "correct horse";
const STEP_MS = 30_000;
const PARALLEL = 10;

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The code an authenticator app shows for `secret` at the app's current time. */
function codeAt(app: TestApp, secret: string): string {
  const step = Math.floor(app.clock.now().getTime() / STEP_MS);
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

interface Enrolled {
  id: UserId;
  secret: string;
  recoveryCodes: string[];
  /** The step of the code that confirmed the enrolment (spent). */
  confirmedStep: number;
  /** The browser holding the session the enrolment was made in. */
  browser: BrowserCookieJar;
}

/** A new user, logged in, with an authenticator app enrolled; the clock is then on a fresh time step. */
async function enrol(app: TestApp, username: string): Promise<Enrolled> {
  await app.request().signUp.execute({ username, password: PASSWORD });
  const browser = new BrowserCookieJar();
  const { id } = await app.request(browser).logIn.execute({ username, password: PASSWORD });
  const { secret } = await app.request(browser).beginTotp.execute({ password: PASSWORD });
  const { recoveryCodes } = await app.request(browser).confirmTotp.execute({ code: codeAt(app, secret) });
  const { lastAcceptedStep } = await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
  app.clock.advance(STEP_MS); // the confirming code's step is spent
  return { id, secret, recoveryCodes, confirmedStep: lastAcceptedStep!, browser };
}

/** The user as the log-in reads them, to issue a challenge for directly. */
async function userEntity(app: TestApp, id: UserId) {
  const user = await app.request().users.readById(id);
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

/** A browser holding the same challenge cookie as `browser` (a second request of the same person). */
function copyOf(browser: BrowserCookieJar): BrowserCookieJar {
  const copy = new BrowserCookieJar();
  copy.set(`gatehouse_mfa=${browser.get("gatehouse_mfa")}; Path=/`);
  return copy;
}

/** The rows of the three two-factor tables that belong to `userId`. */
async function mfaRowsOf(app: TestApp, userId: UserId) {
  return {
    factors: await app.prisma.totpFactor.count({ where: { userId } }),
    recoveryCodes: await app.prisma.recoveryCode.count({ where: { userId } }),
    challenges: await app.prisma.mfaChallenge.count({ where: { userId } }),
  };
}

describe.each(TEST_PROVIDERS)("two-factor storage on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
  });

  afterEach(async () => {
    await app.close();
  });

  describe("acceptStep", () => {
    it("lets exactly one of parallel acceptances of one time step win, and records that step", async () => {
      const alice = await enrol(app, "alice");
      const step = alice.confirmedStep + 1;

      const results = await Promise.all(
        Array.from({ length: PARALLEL }, () => app.request().factors.acceptStep(alice.id, step)),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      const row = await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: alice.id } });
      expect(row.lastAcceptedStep).toBe(step);
    });

    it("refuses the accepted step again and any earlier one, and accepts a later one", async () => {
      const alice = await enrol(app, "alice");
      const factors = app.request().factors;
      const step = alice.confirmedStep + 5;
      expect(await factors.acceptStep(alice.id, step)).toBe(true);

      expect(await factors.acceptStep(alice.id, step)).toBe(false);
      expect(await factors.acceptStep(alice.id, step - 1)).toBe(false);
      expect(await factors.acceptStep(alice.id, alice.confirmedStep)).toBe(false);
      expect((await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: alice.id } })).lastAcceptedStep).toBe(
        step,
      );
      expect(await factors.acceptStep(alice.id, step + 1)).toBe(true);
    });

    it("accepts nothing for a pending enrolment, nor for a user without a factor", async () => {
      const { id } = await app.request().signUp.execute({ username: "alice", password: PASSWORD });
      const browser = new BrowserCookieJar();
      await app.request(browser).logIn.execute({ username: "alice", password: PASSWORD });
      const { id: bobId } = await app.request().signUp.execute({ username: "bob.nofactor", password: PASSWORD });
      await app.request(browser).beginTotp.execute({ password: PASSWORD });
      const step = Math.floor(app.clock.now().getTime() / STEP_MS);

      expect(await app.request().factors.acceptStep(id, step)).toBe(false);
      expect(await app.request().factors.acceptStep(bobId, step)).toBe(false);
      const row = await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
      expect(row).toMatchObject({ enabledAt: null, lastAcceptedStep: null });
    });
  });

  describe("RecoveryCodeStore", () => {
    it("lets exactly one of parallel uses of one code succeed, and marks only that code used", async () => {
      const alice = await enrol(app, "alice");
      const hash = sha256Hex(alice.recoveryCodes[0]!.replaceAll("-", ""));
      const before = app.clock.now();

      const results = await Promise.all(
        Array.from({ length: PARALLEL }, () => app.request().recoveryCodes.use(alice.id, hash)),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      const used = await app.prisma.recoveryCode.findMany({ where: { userId: alice.id, usedAt: { not: null } } });
      expect(used.map((row) => row.codeHash)).toEqual([hash]);
      // Written by SQL, read back by the ORM as the app's time of use.
      expect(used[0]!.usedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(used[0]!.usedAt!.getTime()).toBeLessThanOrEqual(app.clock.now().getTime());
      expect(await app.request().recoveryCodes.countUnused(alice.id)).toBe(9);
      expect(await app.request().recoveryCodes.use(alice.id, hash)).toBe(false);
    });

    it("uses a code only for its own user, and counts each user's unused codes", async () => {
      const alice = await enrol(app, "alice");
      const bob = await enrol(app, "bob.other");
      const alicesHash = sha256Hex(alice.recoveryCodes[3]!.replaceAll("-", ""));

      expect(await app.request().recoveryCodes.use(bob.id, alicesHash)).toBe(false);
      expect(await app.request().recoveryCodes.use(alice.id, alicesHash)).toBe(true);

      expect(await app.request().recoveryCodes.countUnused(alice.id)).toBe(9);
      expect(await app.request().recoveryCodes.countUnused(bob.id)).toBe(10);
    });

    it("makes the old codes unusable when it replaces them, used or not", async () => {
      const alice = await enrol(app, "alice");
      const [usedCode, unusedCode] = alice.recoveryCodes.map((code) => sha256Hex(code.replaceAll("-", "")));
      expect(await app.request().recoveryCodes.use(alice.id, usedCode!)).toBe(true);
      const newHashes = ["a", "b", "c"].map((seed) => sha256Hex(`new code ${seed}`));

      const request = app.request();
      await request.unitOfWork.run(async () => request.recoveryCodes.replace(alice.id, newHashes));

      expect(await app.request().recoveryCodes.use(alice.id, unusedCode!)).toBe(false);
      expect(await app.request().recoveryCodes.countUnused(alice.id)).toBe(3);
      const rows = await app.prisma.recoveryCode.findMany({ where: { userId: alice.id } });
      expect(rows.map((row) => row.codeHash).sort()).toEqual([...newHashes].sort());
      expect(rows.every((row) => row.usedAt === null)).toBe(true);
      expect(await app.request().recoveryCodes.use(alice.id, newHashes[1]!)).toBe(true);
      expect(await app.request().recoveryCodes.countUnused(alice.id)).toBe(2);
    });
  });

  describe("CookieMfaChallenges", () => {
    /** A signed-up user and a browser holding a fresh challenge for them. */
    async function challenged(username = "alice") {
      const { id } = await app.request().signUp.execute({ username, password: PASSWORD });
      const user = await userEntity(app, id);
      const browser = new BrowserCookieJar();
      await app.request(browser).challenges.issue(user);
      return { id, user, browser };
    }

    it(`counts parallel attempts atomically: at most ${MFA_CHALLENGE_ATTEMPTS} get through, with 4..0 left`, async () => {
      const { id, user, browser } = await challenged();

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, () => app.request(copyOf(browser)).challenges.attempt()),
      );

      const granted = answers.filter((answer) => answer !== null);
      expect(granted.map((answer) => answer.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
      expect(granted.every((answer) => answer.userId === id && answer.userVersion === user.version)).toBe(true);
      const [row] = await app.prisma.mfaChallenge.findMany();
      expect(row!.attempts).toBe(MFA_CHALLENGE_ATTEMPTS);
      expect(await app.request(browser).challenges.attempt()).toBeNull();
    });

    it("expires after five minutes of the app's clock", async () => {
      const { id } = await app.request().signUp.execute({ username: "alice", password: PASSWORD });
      const browser = new BrowserCookieJar();
      const before = app.clock.now().getTime();
      await app.request(browser).challenges.issue(await userEntity(app, id));
      const after = app.clock.now().getTime();
      const [row] = await app.prisma.mfaChallenge.findMany();
      expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + MFA_CHALLENGE_TTL_SECONDS * 1000);
      expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(after + MFA_CHALLENGE_TTL_SECONDS * 1000);
      expect(await app.request(browser).challenges.attempt()).toMatchObject({ userId: id, attemptsLeft: 4 });

      app.clock.advance(301_000);

      expect(await app.request(browser).challenges.attempt()).toBeNull();
      expect((await app.prisma.mfaChallenge.findFirstOrThrow()).attempts).toBe(1); // an expired one is not counted
    });

    it("ends once: the first end() is true, the next false, in parallel or one after the other", async () => {
      const { browser } = await challenged();
      const ends = await Promise.all([
        app.request(copyOf(browser)).challenges.end(),
        app.request(copyOf(browser)).challenges.end(),
      ]);
      expect(ends.filter(Boolean)).toHaveLength(1);
      expect(await app.prisma.mfaChallenge.count()).toBe(0);
      expect(await app.request(copyOf(browser)).challenges.attempt()).toBeNull();

      const { browser: second } = await challenged("bob.other");
      expect(await app.request(second).challenges.end()).toBe(true);
      expect(await app.request(second).challenges.end()).toBe(false);
      expect(await app.prisma.mfaChallenge.count()).toBe(0);
    });

    it("stores the SHA-256 hex of the cookie's value, never the value", async () => {
      const { browser } = await challenged();
      const token = browser.get("gatehouse_mfa")!;
      expect(token.length).toBeGreaterThanOrEqual(40);

      const rows = await app.prisma.mfaChallenge.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(sha256Hex(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      // The stored id itself, sent as the cookie, opens nothing.
      const thief = new BrowserCookieJar();
      thief.set(`gatehouse_mfa=${rows[0]!.id}; Path=/`);
      expect(await app.request(thief).challenges.attempt()).toBeNull();
    });

    it("sets an HttpOnly, SameSite=Lax cookie on Path=/ for 300 s, and end() clears it", async () => {
      const { browser } = await challenged();
      const [issued] = browser.sent;
      expect(issued).toMatch(/^gatehouse_mfa=[A-Za-z0-9_-]+; /);
      for (const attribute of ["HttpOnly", "SameSite=Lax", "Path=/", `Max-Age=${MFA_CHALLENGE_TTL_SECONDS}`]) {
        expect(issued).toContain(attribute);
      }
      expect(issued).not.toContain("Secure");

      await app.request(browser).challenges.end();

      const cleared = browser.sent.at(-1)!;
      expect(cleared).toMatch(/^gatehouse_mfa=; /);
      expect(cleared).toContain("Max-Age=0");
      expect(cleared).toContain("Path=/");
      expect(browser.get("gatehouse_mfa")).toBeNull();
    });

    it("names the cookie __Host-gatehouse_mfa and marks it Secure on an HTTPS origin", async () => {
      const { id } = await app.request().signUp.execute({ username: "alice", password: PASSWORD });
      const browser = new BrowserCookieJar();
      const challenges = new CookieMfaChallenges(app.prisma, browser, app.clock, { secureCookies: true });
      await challenges.issue(await userEntity(app, id));

      expect(browser.sent[0]).toMatch(/^__Host-gatehouse_mfa=[A-Za-z0-9_-]+; /);
      expect(browser.sent[0]).toContain("Secure");
      expect(await challenges.attempt()).toMatchObject({ userId: id });
    });

    it("purgeExpiredMfaChallenges removes only the expired challenges", async () => {
      const { browser: expiring } = await challenged("alice");
      app.clock.advance(200_000);
      const { browser: live } = await challenged("bob.other");
      app.clock.advance(101_000); // alice's is now 301 s old, bob's 101 s

      await purgeExpiredMfaChallenges(app.prisma, app.clock.now());

      const rows = await app.prisma.mfaChallenge.findMany();
      expect(rows.map((row) => row.id)).toEqual([sha256Hex(live.get("gatehouse_mfa")!)]);
      expect(expiring.get("gatehouse_mfa")).not.toBeNull();
      expect(await app.request(live).challenges.attempt()).not.toBeNull();
    });
  });

  it.each([
    [
      "turning two-factor off (disableMfa)",
      async (alice: Enrolled) => {
        await app.request(alice.browser).disableMfa.execute({ password: PASSWORD, code: codeAt(app, alice.secret) });
      },
    ],
    [
      "the data mapper's remove in a unit of work",
      async (alice: Enrolled) => {
        const request = app.request();
        await request.unitOfWork.run(async () => request.factors.remove(alice.id));
      },
    ],
  ])(
    "removing a factor by %s removes its recovery codes and the user's challenges, no one else's",
    async (_, remove) => {
      const alice = await enrol(app, "alice");
      const bob = await enrol(app, "bob.other");
      const waiting = new BrowserCookieJar(); // alice's log-in, waiting for a code
      expect(await app.request(waiting).logInHandler.execute({ username: "alice", password: PASSWORD })).toEqual({
        mfaRequired: true,
      });
      await app.request(new BrowserCookieJar()).logInHandler.execute({ username: "bob.other", password: PASSWORD });
      expect(await mfaRowsOf(app, alice.id)).toEqual({ factors: 1, recoveryCodes: 10, challenges: 1 });

      await remove(alice);

      expect(await mfaRowsOf(app, alice.id)).toEqual({ factors: 0, recoveryCodes: 0, challenges: 0 });
      expect(await mfaRowsOf(app, bob.id)).toEqual({ factors: 1, recoveryCodes: 10, challenges: 1 });
      await expect(app.request(waiting).completeMfa.execute({ code: codeAt(app, alice.secret) })).rejects.toThrow(
        MfaChallengeExpiredError,
      );
    },
  );

  describe("the log-in handler", () => {
    it("answers a user with an enabled factor with a challenge, never a session", async () => {
      const alice = await enrol(app, "alice");
      await app.request(alice.browser).logOut.execute();
      const browser = new BrowserCookieJar();

      expect(await app.request(browser).logInHandler.execute({ username: "alice", password: PASSWORD })).toEqual({
        mfaRequired: true,
      });

      expect(await app.prisma.session.count({ where: { userId: alice.id } })).toBe(0);
      expect(browser.token).toBeNull();
      expect(browser.sent).toHaveLength(1);
      const [challenge] = await app.prisma.mfaChallenge.findMany({ where: { userId: alice.id } });
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: alice.id } });
      expect(challenge).toMatchObject({ id: sha256Hex(browser.get("gatehouse_mfa")!), userVersion: user.version });
    });

    it("starts a session for a user whose enrolment is only pending", async () => {
      const { id } = await app.request().signUp.execute({ username: "alice", password: PASSWORD });
      const enrolling = new BrowserCookieJar();
      await app.request(enrolling).logIn.execute({ username: "alice", password: PASSWORD });
      await app.request(enrolling).beginTotp.execute({ password: PASSWORD });
      const browser = new BrowserCookieJar();

      const answer = await app.request(browser).logInHandler.execute({ username: "alice", password: PASSWORD });

      expect(answer).toEqual({ id, username: "alice", role: "user" });
      expect(browser.token).not.toBeNull();
      expect(await app.prisma.session.count({ where: { userId: id } })).toBe(2);
      expect(await app.prisma.mfaChallenge.count()).toBe(0);
    });
  });

  it("starts no session for a challenge issued before a password change", async () => {
    const alice = await enrol(app, "alice");
    const waiting = new BrowserCookieJar();
    await app.request(waiting).logInHandler.execute({ username: "alice", password: PASSWORD });
    await app.request().signUp.execute({ username: "the.admin", password: PASSWORD });
    await app.prisma.user.updateMany({ where: { usernameKey: "the.admin" }, data: { role: "admin" } });
    const admin = new BrowserCookieJar();
    await app.request(admin).logIn.execute({ username: "the.admin", password: PASSWORD });
    await app.request(admin).setUserPassword.execute({ userId: alice.id, password: "a new password" });
    const factorBefore = await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: alice.id } });

    await expect(app.request(waiting).completeMfa.execute({ code: codeAt(app, alice.secret) })).rejects.toThrow(
      MfaChallengeExpiredError,
    );

    expect(await app.prisma.session.count({ where: { userId: alice.id } })).toBe(0);
    expect(waiting.token).toBeNull();
    expect(await app.prisma.mfaChallenge.count({ where: { userId: alice.id } })).toBe(0);
    // The code was never checked, so its time step is not spent.
    expect(await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: alice.id } })).toEqual(factorBefore);
  });

  describe("secrets at rest", () => {
    it("keeps the TOTP secret encrypted, decryptable only with its user's id as context", async () => {
      const { id } = await app.request().signUp.execute({ username: "alice", password: PASSWORD });
      const { id: bobId } = await app.request().signUp.execute({ username: "bob.other", password: PASSWORD });
      const browser = new BrowserCookieJar();
      await app.request(browser).logIn.execute({ username: "alice", password: PASSWORD });

      const { secret } = await app.request(browser).beginTotp.execute({ password: PASSWORD });

      const { encryptedSecret } = await app.prisma.totpFactor.findUniqueOrThrow({ where: { userId: id } });
      expect(encryptedSecret).not.toBe(secret);
      expect(encryptedSecret.toUpperCase()).not.toContain(secret);
      expect(app.cipher.decrypt(encryptedSecret, id)).toBe(secret);
      expect(() => app.cipher.decrypt(encryptedSecret, bobId)).toThrow();
    });

    it("keeps only the SHA-256 hex of each recovery code's canonical form", async () => {
      const alice = await enrol(app, "alice");

      const rows = await app.prisma.recoveryCode.findMany({ where: { userId: alice.id } });

      const canonical = alice.recoveryCodes.map((code) => code.replaceAll("-", ""));
      expect(canonical.every((code) => /^[a-z2-7]{24}$/.test(code))).toBe(true);
      expect(rows.map((row) => row.codeHash).sort()).toEqual(canonical.map(sha256Hex).sort());
      const stored = JSON.stringify(rows);
      for (const code of [...alice.recoveryCodes, ...canonical]) expect(stored).not.toContain(code);
    });
  });
});

describe.each(TEST_PROVIDERS)("two-factor log-in throttling on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider, {
      loginAttemptsPerAccount: 3,
      loginAttemptsPerIp: 100,
      loginWindowSeconds: 60,
      signUpsPerIp: 10,
      signUpWindowSeconds: 60,
    });
  });

  afterEach(async () => {
    await app.close();
  });

  it("a right password of a two-factor user forgives nothing of the account's budget; the code that passes does", async () => {
    const alice = await enrol(app, "alice");
    const accountCount = async () =>
      (await app.prisma.rateLimit.findUnique({ where: { key: "login:account:alice" } }))?.points ?? null;
    const logIn = (password: string, browser = new BrowserCookieJar()) =>
      app.request(browser).logInHandler.execute({ username: "alice", password });
    expect(await accountCount()).toBeNull(); // the enrolment's log-in and password check were forgiven

    await expect(logIn("wrong horse")).rejects.toThrow(InvalidCredentialsError);
    const waiting = new BrowserCookieJar();
    expect(await logIn(PASSWORD, waiting)).toEqual({ mfaRequired: true });
    expect(await accountCount()).toBe(2);
    expect(await logIn(PASSWORD)).toEqual({ mfaRequired: true });
    await expect(logIn(PASSWORD)).rejects.toThrow(RateLimitedError); // the right password does not reset it

    app.clock.advance(61_000); // the window ends; the challenge (five minutes) lives on
    const me = await app.request(waiting).completeMfa.execute({ code: codeAt(app, alice.secret) });

    expect(me).toEqual({ id: alice.id, username: "alice", role: "user" });
    expect(await accountCount()).toBeNull();
  });
});
