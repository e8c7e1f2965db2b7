// Passkeys over real HTTP, on SQLite and PostgreSQL. A software authenticator (SoftAuthenticator)
// answers the server's WebAuthn options as a browser's `PublicKeyCredential.toJSON()` would, for
// the app's origin (APP_ORIGIN, as the browser's Origin header is): so registration and log-in run
// end to end, and each way a device or an attacker can misbehave is one option of it.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@gatehouse/infra";
import { SoftAuthenticator, type AssertionOverrides } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGatehouseClient } from "../src/client";
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

const WRONG_PASSWORD = "wrong horse battery";
/** Well-formed ids nobody has. */
const UNKNOWN_USER_ID = "01900000-0000-7000-8000-0000000a11ce";
const UNKNOWN_PASSKEY_ID = "01900000-0000-7000-8000-00000000beef";
const DAY_MS = 86_400_000;
const SESSION_COOKIE = "gatehouse_session";
const CHALLENGE_COOKIE = "gatehouse_passkey";
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type CreationOptions = Parameters<SoftAuthenticator["createCredential"]>[0];
type RequestOptions = Parameters<SoftAuthenticator["getAssertion"]>[0];

/**
 * The registration options a logged-in browser is given. The API types them by their challenge
 * only; they are the WebAuthn JSON a browser parses (`parseCreationOptionsFromJSON`).
 */
async function registrationOptions(browser: Browser): Promise<CreationOptions> {
  return (await browser.client.account.passkeys.beginRegistration.mutate({ password: PASSWORD })) as CreationOptions;
}

/** Passkey procedures with a user's own state: used by the main suite and the budget suite. */
function passkeyHelpers(get: () => Harness, prefix: string) {
  let serial = 0;
  /** What the browser puts in clientDataJSON: the page's origin, the app's. */
  const origin = () => get().gatehouse.container.config.appOrigin;

  /** A new user, signed up and logged in. */
  async function newUser(): Promise<{ id: string; username: string; browser: Browser }> {
    const harness = get();
    const username = `${prefix}${++serial}`;
    const browser = harness.browser();
    const { id } = await browser.client.account.signUp.mutate({ username, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username, password: PASSWORD });
    return { id, username, browser };
  }

  /** Registers a passkey of `authenticator` from a logged-in browser. */
  async function register(
    browser: Browser,
    authenticator = new SoftAuthenticator(),
    name = "laptop",
  ): Promise<{ id: string; credentialId: string; options: CreationOptions; authenticator: SoftAuthenticator }> {
    const options = await registrationOptions(browser);
    const response = authenticator.createCredential(options, origin());
    const { id } = await browser.client.account.passkeys.finishRegistration.mutate({ name, response });
    return { id, credentialId: response.id, options, authenticator };
  }

  /** A new user with one passkey (their browser stays logged in). */
  async function userWithPasskey(authenticator = new SoftAuthenticator()) {
    const user = await newUser();
    const passkey = await register(user.browser, authenticator);
    return { ...user, passkey, authenticator };
  }

  /** A new browser that asked for a log-in challenge: its options, to be signed. */
  async function logInStarted(): Promise<{ browser: Browser; options: RequestOptions }> {
    const browser = get().browser();
    const options = (await browser.client.account.passkeys.beginLogIn.mutate()) as RequestOptions;
    return { browser, options };
  }

  /** A passkey log-in from a new browser, the authenticator behaving as `overrides` say; its outcome. */
  async function tryLogIn(
    authenticator: SoftAuthenticator,
    overrides: AssertionOverrides & { origin?: string } = {},
  ): Promise<{ browser: Browser; outcome: string }> {
    const { browser, options } = await logInStarted();
    const response = authenticator.getAssertion(options, overrides.origin ?? origin(), overrides);
    const outcome = await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response }));
    return { browser, outcome };
  }

  return { origin, newUser, register, userWithPasskey, logInStarted, tryLogIn };
}

/** A credential the server never saw: made by `authenticator` for the same RP id, never registered. */
function unregisteredCredential(authenticator: SoftAuthenticator, rpId: string): void {
  authenticator.createCredential(
    {
      rp: { id: rpId, name: "elsewhere" },
      user: { id: Buffer.from("a stranger").toString("base64url"), name: "stranger", displayName: "stranger" },
      challenge: Buffer.from("a challenge of nobody's").toString("base64url"),
      pubKeyCredParams: [{ type: "public-key", alg: -7 }],
    },
    `http://${rpId}`,
  );
}

describe.each<Provider>(["sqlite", "postgresql"])("passkeys (%s)", (provider) => {
  let harness: Harness;
  /** The database itself, to see what is kept. */
  let prisma: PrismaClient;
  let root: Browser;
  let rootId: string;
  const { origin, newUser, register, userWithPasskey, logInStarted, tryLogIn } = passkeyHelpers(
    () => harness,
    "pk.user",
  );

  beforeAll(async () => ({ harness, prisma, rootId, root } = await startSuite(provider)));
  afterAll(() => stopSuite({ harness, prisma }));

  const newAdmin = (name: string) => newAdminOf({ harness, root }, name);

  /** How many sessions the user has, in the database. */
  const sessionsOf = (userId: string) => prisma.session.count({ where: { userId } });

  describe("registration", () => {
    it("asks for a discoverable credential with user verification, keeps it, ends the other sessions; audited", async () => {
      const { id, username, browser } = await newUser();
      const other = await harness.loggedIn(username);
      const options = await registrationOptions(browser);
      expect(options.rp.id).toBe(new URL(origin()).hostname);
      expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
      expect(options.excludeCredentials ?? []).toEqual([]);
      expect(options.pubKeyCredParams.map((param) => param.alg)).toContain(-7);

      const authenticator = new SoftAuthenticator();
      const response = authenticator.createCredential(options, origin());
      const { id: passkeyId } = await browser.client.account.passkeys.finishRegistration.mutate({
        name: "  work laptop  ",
        response,
      });
      expect(await outcomeOf(other.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect((await browser.client.account.me.query()).username).toBe(username);
      expect(await sessionsOf(id)).toBe(1);

      const listed = await browser.client.account.passkeys.list.query();
      expect(listed).toEqual([
        { id: passkeyId, name: "work laptop", createdAt: expect.any(String), lastUsedAt: null, backedUp: false },
      ]);
      expect(new Date(listed[0]!.createdAt).toISOString()).toBe(listed[0]!.createdAt);
      const rows = await prisma.passkey.findMany({ where: { userId: id } });
      expect(rows).toMatchObject([{ id: passkeyId, credentialId: response.id, counter: 0n, backedUp: false }]);

      const { items } = await root.client.audit.list.query({ type: "passkey.added", targetId: id });
      expect(items).toMatchObject([{ actorId: id, targetId: id }]);
    });

    it("excludes the user's passkeys from the next options; a synced one is listed as backed up, newest first", async () => {
      const { browser, passkey } = await userWithPasskey();
      const options = await registrationOptions(browser);
      expect(options.excludeCredentials?.map((credential) => credential.id)).toEqual([passkey.credentialId]);
      // The same authenticator refuses, as a real one does; another one registers.
      expect(() => passkey.authenticator.createCredential(options, origin())).toThrow(/excludeCredentials/);
      harness.clock.advance(1000);
      const phone = new SoftAuthenticator({ synced: true });
      const response = phone.createCredential(options, origin());
      const { id } = await browser.client.account.passkeys.finishRegistration.mutate({ name: "phone", response });

      expect(await browser.client.account.passkeys.list.query()).toMatchObject([
        { id, name: "phone", backedUp: true },
        { id: passkey.id, name: "laptop", backedUp: false },
      ]);
    });

    it("with a wrong password: CURRENT_PASSWORD_INVALID, no challenge, nothing stored", async () => {
      const { id, browser } = await newUser();
      const begin = await failureOf(
        browser.client.account.passkeys.beginRegistration.mutate({ password: WRONG_PASSWORD }),
      );
      expect(begin.data).toMatchObject({ appCode: "CURRENT_PASSWORD_INVALID", httpStatus: 403 });
      // An answer to a challenge this browser was never given (options made up here) is refused.
      const madeUp: CreationOptions = {
        rp: { id: new URL(origin()).hostname, name: "Gatehouse" },
        user: { id: Buffer.from(id).toString("base64url"), name: "x", displayName: "x" },
        challenge: Buffer.from("a challenge the server never made").toString("base64url"),
        pubKeyCredParams: [{ type: "public-key", alg: -7 }],
      };
      const response = new SoftAuthenticator().createCredential(madeUp, origin());
      const finish = browser.client.account.passkeys.finishRegistration.mutate({ name: "laptop", response });
      expect(await outcomeOf(finish)).toBe("PASSKEY_REJECTED");
      expect(await prisma.passkey.count({ where: { userId: id } })).toBe(0);
      expect(await browser.client.account.passkeys.list.query()).toEqual([]);
    });

    it("checks the name before spending the challenge: the same answer registers under a valid name", async () => {
      const { id, browser } = await newUser();
      const options = await registrationOptions(browser);
      const response = new SoftAuthenticator().createCredential(options, origin());
      for (const name of ["", "   ", "x".repeat(65), "bad\nname", "bell\u0007", "c1\u0085"]) {
        const failure = await failureOf(browser.client.account.passkeys.finishRegistration.mutate({ name, response }));
        expect({ name, appCode: failure.data.appCode }).toEqual({ name, appCode: "VALIDATION_FAILED" });
        expect(Object.keys(failure.data.fieldErrors ?? {})).toEqual(["name"]);
      }
      expect(await prisma.passkey.count({ where: { userId: id } })).toBe(0);
      const longest = "é".repeat(64);
      await browser.client.account.passkeys.finishRegistration.mutate({ name: longest, response });
      expect(await browser.client.account.passkeys.list.query()).toMatchObject([{ name: longest }]);
    });

    it("refuses an answer from another origin or without user verification, and spends the challenge", async () => {
      const { id, browser } = await newUser();
      for (const misbehave of [
        (options: CreationOptions) => new SoftAuthenticator().createCredential(options, "http://evil.example:3000"),
        (options: CreationOptions) =>
          new SoftAuthenticator().createCredential(options, origin(), { userVerified: false }),
      ]) {
        const options = await registrationOptions(browser);
        const finish = browser.client.account.passkeys.finishRegistration.mutate({
          name: "bad",
          response: misbehave(options),
        });
        expect((await failureOf(finish)).data).toMatchObject({ appCode: "PASSKEY_REJECTED", httpStatus: 401 });
        // The challenge went with the refusal: a right answer to it is refused too.
        const right = new SoftAuthenticator().createCredential(options, origin());
        const retry = browser.client.account.passkeys.finishRegistration.mutate({ name: "good", response: right });
        expect(await outcomeOf(retry)).toBe("PASSKEY_REJECTED");
      }
      expect(await prisma.passkey.count({ where: { userId: id } })).toBe(0);
    });

    it("refuses another user's registration challenge", async () => {
      const alice = await newUser();
      const bob = await newUser();
      const options = await registrationOptions(alice.browser);
      const response = new SoftAuthenticator().createCredential(options, origin());
      const finish = bob.browser.client.account.passkeys.finishRegistration.mutate({ name: "stolen", response });
      expect(await outcomeOf(finish)).toBe("PASSKEY_REJECTED");
      expect(await prisma.passkey.count({ where: { userId: { in: [alice.id, bob.id] } } })).toBe(0);
    });
  });

  describe("list, rename, remove", () => {
    it("renames a passkey; another user's id or an unknown one is PASSKEY_NOT_FOUND and renames nothing", async () => {
      const alice = await userWithPasskey();
      const bob = await userWithPasskey();
      const rename = (browser: Browser, passkeyId: string, name: string) =>
        browser.client.account.passkeys.rename.mutate({ passkeyId, name });
      expect(await rename(alice.browser, alice.passkey.id, " travel key ")).toEqual({ ok: true });
      expect(await alice.browser.client.account.passkeys.list.query()).toMatchObject([{ name: "travel key" }]);

      for (const passkeyId of [bob.passkey.id, UNKNOWN_PASSKEY_ID]) {
        const failure = await failureOf(rename(alice.browser, passkeyId, "mine now"));
        expect(failure.data).toMatchObject({ appCode: "PASSKEY_NOT_FOUND", httpStatus: 404 });
      }
      const invalid = await failureOf(rename(alice.browser, alice.passkey.id, "tab\tname"));
      expect(invalid.data).toMatchObject({ appCode: "VALIDATION_FAILED", fieldErrors: { name: [expect.any(String)] } });
      expect(await bob.browser.client.account.passkeys.list.query()).toMatchObject([{ name: "laptop" }]);
      expect(await alice.browser.client.account.passkeys.list.query()).toMatchObject([{ name: "travel key" }]);
    });

    it("removes a passkey with the password: it stops working, the other sessions end; audited", async () => {
      const { id, username, browser, passkey, authenticator } = await userWithPasskey();
      const { browser: other } = await tryLogIn(authenticator);
      expect((await other.client.account.me.query()).username).toBe(username);
      const remove = (passkeyId: string, password: string) =>
        browser.client.account.passkeys.remove.mutate({ passkeyId, password });

      expect((await failureOf(remove(passkey.id, WRONG_PASSWORD))).data.appCode).toBe("CURRENT_PASSWORD_INVALID");
      const bob = await userWithPasskey();
      expect((await failureOf(remove(bob.passkey.id, PASSWORD))).data).toMatchObject({
        appCode: "PASSKEY_NOT_FOUND",
        httpStatus: 404,
      });
      expect(await prisma.passkey.count({ where: { userId: { in: [id, bob.id] } } })).toBe(2);
      expect(await outcomeOf(other.client.account.me.query())).toBe("ok");

      expect(await remove(passkey.id, PASSWORD)).toEqual({ ok: true });
      expect(await browser.client.account.passkeys.list.query()).toEqual([]);
      expect(await prisma.passkey.count({ where: { userId: id } })).toBe(0);
      expect(await outcomeOf(other.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect((await browser.client.account.me.query()).username).toBe(username);
      const { items } = await root.client.audit.list.query({ type: "passkey.removed", targetId: id });
      expect(items).toMatchObject([{ actorId: id, targetId: id }]);

      const afterwards = await tryLogIn(authenticator);
      expect(afterwards.outcome).toBe("PASSKEY_REJECTED");
      expect(afterwards.browser.cookies.has(SESSION_COOKIE)).toBe(false);
      expect((await failureOf(remove(passkey.id, PASSWORD))).data.appCode).toBe("PASSKEY_NOT_FOUND");
    });
  });

  describe("log-in", () => {
    it("needs no username: the passkey names the user; a session, the counter and last use stored; audited", async () => {
      const { id, username, passkey, authenticator } = await userWithPasskey();
      const { browser, options } = await logInStarted();
      expect(options.allowCredentials ?? []).toEqual([]);
      expect(options.userVerification).toBe("required");
      expect(options.rpId).toBe(new URL(origin()).hostname);
      expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
      // The challenge is bound to this browser by an HttpOnly cookie that is not the challenge itself.
      const header = browser.setCookieHeaders.find((line) => line.startsWith(`${CHALLENGE_COOKIE}=`))!;
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      expect(attributes.map((attribute) => attribute.toLowerCase()).sort()).toEqual([
        "httponly",
        "max-age=300",
        "path=/",
        "samesite=lax",
      ]);
      expect(pair).not.toContain(options.challenge);
      const token = pair!.slice(`${CHALLENGE_COOKIE}=`.length);
      const stored = await prisma.passkeyChallenge.findUniqueOrThrow({ where: { id: sha256Hex(token) } });
      expect(stored).toMatchObject({ ceremony: "log-in", userId: null, challengeHash: sha256Hex(options.challenge) });

      const response = authenticator.getAssertion(options, origin());
      const me = await browser.client.account.passkeys.finishLogIn.mutate({ response });
      expect(me).toEqual({ id, username, role: "user" });
      expect([...browser.cookies.keys()]).toEqual([SESSION_COOKIE]); // the challenge's cookie is cleared
      expect(await prisma.passkeyChallenge.count({ where: { id: sha256Hex(token) } })).toBe(0); // and it is spent
      expect(await browser.client.account.me.query()).toMatchObject({ id, username });

      const row = await prisma.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
      expect(row.counter).toBe(1n);
      expect(row.lastUsedAt).not.toBeNull();
      const [listed] = await browser.client.account.passkeys.list.query();
      expect(listed!.lastUsedAt).toBe(row.lastUsedAt!.toISOString());
      const { items } = await root.client.audit.list.query({ type: "user.logged_in", targetId: id });
      expect(items[0]).toMatchObject({ actorId: id, targetId: id, method: "passkey" });

      // The next log-in moves the counter on again.
      expect((await tryLogIn(authenticator)).outcome).toBe("ok");
      expect((await prisma.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(2n);
    });

    it("a signed-in caller is ALREADY_AUTHENTICATED", async () => {
      const { browser, authenticator } = await userWithPasskey();
      const { options } = await logInStarted();
      const response = authenticator.getAssertion(options, origin());
      expect(await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response }))).toBe(
        "ALREADY_AUTHENTICATED",
      );
    });

    it("picks the user by the passkey used: two users, two authenticators", async () => {
      const alice = await userWithPasskey();
      const bob = await userWithPasskey();
      const one = await tryLogIn(alice.authenticator);
      const two = await tryLogIn(bob.authenticator);
      expect((await one.browser.client.account.me.query()).id).toBe(alice.id);
      expect((await two.browser.client.account.me.query()).id).toBe(bob.id);
    });

    describe("is PASSKEY_REJECTED, with no session, when", () => {
      /** Runs a refused attempt and checks that nobody got a session from it. */
      async function expectRejected(
        userId: string,
        attempt: () => Promise<{ browser: Browser; outcome: string }>,
      ): Promise<void> {
        const before = await sessionsOf(userId);
        const { browser, outcome } = await attempt();
        expect(outcome).toBe("PASSKEY_REJECTED");
        expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
        expect(await sessionsOf(userId)).toBe(before);
      }

      it("there is no challenge cookie", async () => {
        const { id, authenticator } = await userWithPasskey();
        await expectRejected(id, async () => {
          const { options } = await logInStarted();
          const browser = harness.browser(); // another browser: it was never given the challenge
          const response = authenticator.getAssertion(options, origin());
          return {
            browser,
            outcome: await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
      });

      it("the challenge was used: a copy of its cookie after the log-in, or a right answer after a wrong one", async () => {
        const { id, username, authenticator } = await userWithPasskey();
        const { browser: first, options } = await logInStarted();
        const copy = harness.browser();
        for (const [name, value] of first.cookies) copy.cookies.set(name, value);
        await first.client.account.passkeys.finishLogIn.mutate({
          response: authenticator.getAssertion(options, origin()),
        });
        expect((await first.client.account.me.query()).username).toBe(username);
        await expectRejected(id, async () => {
          const response = authenticator.getAssertion(options, origin());
          return {
            browser: copy,
            outcome: await outcomeOf(copy.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });

        const { browser: second, options: next } = await logInStarted();
        const wrong = authenticator.getAssertion(next, "http://evil.example:3000");
        expect(await outcomeOf(second.client.account.passkeys.finishLogIn.mutate({ response: wrong }))).toBe(
          "PASSKEY_REJECTED",
        );
        await expectRejected(id, async () => {
          const response = authenticator.getAssertion(next, origin());
          return {
            browser: second,
            outcome: await outcomeOf(second.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
      });

      it("the challenge expired", async () => {
        const { id, authenticator } = await userWithPasskey();
        // It lives five minutes on the app's clock: a second before, it is still good...
        const { browser: inTime, options: fresh } = await logInStarted();
        harness.clock.advance(299_000);
        const answer = authenticator.getAssertion(fresh, origin());
        expect(await outcomeOf(inTime.client.account.passkeys.finishLogIn.mutate({ response: answer }))).toBe("ok");
        // ...a second after, refused (the browser still sends the cookie: the server's clock decides).
        await expectRejected(id, async () => {
          const { browser, options } = await logInStarted();
          harness.clock.advance(301_000);
          const response = authenticator.getAssertion(options, origin());
          return {
            browser,
            outcome: await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
      });

      it("the assertion is replayed, to a new challenge", async () => {
        const { id, authenticator } = await userWithPasskey();
        const { browser, options } = await logInStarted();
        const response = authenticator.getAssertion(options, origin());
        await browser.client.account.passkeys.finishLogIn.mutate({ response });
        await expectRejected(id, async () => {
          const { browser: replay } = await logInStarted();
          return {
            browser: replay,
            outcome: await outcomeOf(replay.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
      });

      it("the signature counter did not move, or went back", async () => {
        const { id, passkey, authenticator } = await userWithPasskey();
        expect((await tryLogIn(authenticator)).outcome).toBe("ok");
        expect((await tryLogIn(authenticator)).outcome).toBe("ok"); // the stored counter is 2
        await expectRejected(id, () => tryLogIn(authenticator, { signCount: 2 }));
        await expectRejected(id, () => tryLogIn(authenticator, { signCount: 1 }));
        expect((await prisma.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(2n);
        const { items } = await root.client.audit.list.query({ type: "user.login_failed", targetId: id });
        expect(items.slice(0, 2)).toMatchObject([
          { actorId: null, method: "passkey" },
          { actorId: null, method: "passkey" },
        ]);
      });

      it("the origin is another site's", async () => {
        const { id, authenticator } = await userWithPasskey();
        await expectRejected(id, () => tryLogIn(authenticator, { origin: "http://evil.example:3000" }));
      });

      it("the user was not verified", async () => {
        const { id, authenticator } = await userWithPasskey();
        await expectRejected(id, () => tryLogIn(authenticator, { userVerified: false }));
      });

      it("the credential is unknown", async () => {
        const { id } = await userWithPasskey();
        const stranger = new SoftAuthenticator();
        unregisteredCredential(stranger, new URL(origin()).hostname);
        await expectRejected(id, () => tryLogIn(stranger));
      });

      it("the answer is signed over a registration challenge", async () => {
        const { id, browser: owner, authenticator } = await userWithPasskey();
        await expectRejected(id, async () => {
          const registration = await registrationOptions(owner);
          const { browser } = await logInStarted();
          // The registration's challenge, signed as a log-in: what a page that got the options could try.
          const response = authenticator.getAssertion({ challenge: registration.challenge }, origin());
          return {
            browser,
            outcome: await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
        // Nor does the registration's challenge cookie (if any) open a log-in in another browser.
        await expectRejected(id, async () => {
          const registration = await registrationOptions(owner);
          const browser = harness.browser();
          for (const [name, value] of owner.cookies) if (name !== SESSION_COOKIE) browser.cookies.set(name, value);
          const response = authenticator.getAssertion({ challenge: registration.challenge }, origin());
          return {
            browser,
            outcome: await outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response })),
          };
        });
      });
    });

    it("lets at most one of two log-ins racing with the same assertion in, round after round", async () => {
      const { id, authenticator } = await userWithPasskey();
      const rounds = 5;
      let sessions = await sessionsOf(id);
      for (let round = 0; round < rounds; round++) {
        const { browser: first, options } = await logInStarted();
        const second = harness.browser();
        for (const [name, value] of first.cookies) second.cookies.set(name, value);
        const response = authenticator.getAssertion(options, origin());
        const outcomes = await Promise.all(
          [first, second].map((browser) => outcomeOf(browser.client.account.passkeys.finishLogIn.mutate({ response }))),
        );
        expect(outcomes.filter((outcome) => outcome === "ok").length).toBeLessThanOrEqual(1);
        for (const outcome of outcomes) expect(["ok", "PASSKEY_REJECTED"]).toContain(outcome);
        const winners = [first, second].filter((browser) => browser.cookies.has(SESSION_COOKIE));
        expect(winners).toHaveLength(outcomes.filter((outcome) => outcome === "ok").length);
        expect(await sessionsOf(id)).toBe(sessions + winners.length);
        sessions += winners.length;
      }
    });

    it("a deactivated owner: ACCOUNT_INACTIVE and no session", async () => {
      const { id, authenticator } = await userWithPasskey();
      await root.client.users.deactivate.mutate({ userId: id });
      const { browser, outcome } = await tryLogIn(authenticator);
      expect(outcome).toBe("ACCOUNT_INACTIVE");
      expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(await sessionsOf(id)).toBe(0);
    });

    it("a user with an authenticator app gets no code step; their password log-in offers both ways", async () => {
      const { id, username, browser, authenticator } = await userWithPasskey();
      const { secret } = await browser.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
      await browser.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
      harness.clock.advance(TOTP_STEP_MS);

      const { browser: withPasskey, outcome } = await tryLogIn(authenticator);
      expect(outcome).toBe("ok");
      expect([...withPasskey.cookies.keys()].filter((name) => name !== SESSION_COOKIE)).toEqual([]);
      expect((await withPasskey.client.account.me.query()).id).toBe(id);

      const withPassword = harness.browser();
      const answer = await withPassword.client.account.logIn.mutate({ username, password: PASSWORD });
      expect(answer).toEqual({ mfaRequired: true, methods: expect.arrayContaining(["totp", "passkey"]) });
      expect(answer).toMatchObject({ methods: { length: 2 } });
      expect(withPassword.cookies.has(SESSION_COOKIE)).toBe(false);
    });

    it("a user without an authenticator app or a requirement logs in with the password alone", async () => {
      const { id, username } = await userWithPasskey();
      const browser = harness.browser();
      expect(await browser.client.account.logIn.mutate({ username, password: PASSWORD })).toMatchObject({ id });
      expect(browser.cookies.has(SESSION_COOKIE)).toBe(true);
      const { items } = await root.client.audit.list.query({ type: "user.logged_in", targetId: id });
      expect(items[0]).toMatchObject({ method: "password" });
    });
  });

  it("no API key manages passkeys, nor removes another user's", async () => {
    const admin = await newAdmin("pk.key.admin");
    const passkey = await register(admin.browser);
    const target = await userWithPasskey();
    for (const scope of ["read", "full"] as const) {
      const { key } = await admin.browser.client.account.apiKeys.create.mutate({
        password: PASSWORD,
        name: scope,
        scope,
      });
      const program = createGatehouseClient({ url: harness.url, apiKey: key });
      const calls = [
        () => program.account.passkeys.list.query(),
        () => program.account.passkeys.beginRegistration.mutate({ password: PASSWORD }),
        () => program.account.passkeys.finishRegistration.mutate({ name: "x", response: {} }),
        () => program.account.passkeys.rename.mutate({ passkeyId: passkey.id, name: "renamed" }),
        () => program.account.passkeys.remove.mutate({ passkeyId: passkey.id, password: PASSWORD }),
        () => program.users.removePasskeys.mutate({ userId: target.id }),
      ];
      for (const call of calls) {
        const { data } = await failureOf(call());
        expect(data).toMatchObject({ appCode: "API_KEY_SCOPE", httpStatus: 403 });
      }
    }
    expect(await admin.browser.client.account.passkeys.list.query()).toMatchObject([
      { id: passkey.id, name: "laptop" },
    ]);
    expect(await prisma.passkey.count({ where: { userId: target.id } })).toBe(1);
  });

  describe("users.passkeys and users.removePasskeys", () => {
    it("an admin sees a user's passkeys and removes them all: the user's sessions end; audited", async () => {
      const admin = await newAdmin("pk.admin");
      const user = await userWithPasskey();
      harness.clock.advance(1000);
      await register(user.browser, new SoftAuthenticator({ synced: true }), "phone");
      const { browser: other } = await tryLogIn(user.authenticator);

      const seen = await admin.browser.client.users.passkeys.query({ userId: user.id });
      expect(seen).toEqual(await other.client.account.passkeys.list.query());
      expect(seen.map((passkey) => passkey.name)).toEqual(["phone", "laptop"]);

      expect(await admin.browser.client.users.removePasskeys.mutate({ userId: user.id })).toEqual({ ok: true });
      expect(await prisma.passkey.count({ where: { userId: user.id } })).toBe(0);
      expect(await sessionsOf(user.id)).toBe(0);
      for (const session of [user.browser, other])
        expect(await outcomeOf(session.client.account.me.query())).toBe("NOT_AUTHENTICATED");
      expect(await admin.browser.client.users.passkeys.query({ userId: user.id })).toEqual([]);
      const { items } = await root.client.audit.list.query({ type: "passkey.removed", targetId: user.id });
      expect(items).toMatchObject([{ actorId: admin.id, targetId: user.id }]);

      expect((await tryLogIn(user.authenticator)).outcome).toBe("PASSKEY_REJECTED");
      // The password still logs in (nothing else was on).
      expect(await outcomeOf(harness.loggedIn(user.username).then((b) => b.client.account.me.query()))).toBe("ok");
    });

    it("is refused over another admin, the super admin, and to a plain user; USER_NOT_FOUND for an unknown id", async () => {
      const admin = await newAdmin("pk.deny.admin");
      const peer = await newAdmin("pk.peer.admin");
      await register(peer.browser);
      await register(root);
      root = await harness.loggedIn("root.admin"); // registering ended root's other sessions
      const user = await userWithPasskey();
      const target = await userWithPasskey();

      const attempts: Array<[Browser, string, string]> = [
        [admin.browser, peer.id, "PERMISSION_DENIED"],
        [admin.browser, rootId, "PERMISSION_DENIED"],
        [user.browser, target.id, "PERMISSION_DENIED"],
        [admin.browser, UNKNOWN_USER_ID, "USER_NOT_FOUND"],
      ];
      for (const [browser, userId, appCode] of attempts) {
        expect(await outcomeOf(browser.client.users.passkeys.query({ userId }))).toBe(appCode);
        expect(await outcomeOf(browser.client.users.removePasskeys.mutate({ userId }))).toBe(appCode);
      }
      // The super admin administers the admin, not itself through this door (as users.resetMfa).
      expect(await outcomeOf(root.client.users.removePasskeys.mutate({ userId: rootId }))).toBe("PERMISSION_DENIED");
      for (const userId of [peer.id, rootId, target.id])
        expect(await prisma.passkey.count({ where: { userId } })).toBe(1);
      expect(await outcomeOf(peer.browser.client.account.me.query())).toBe("ok");
    });
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("passkeys and the log-in budgets (%s)", (provider) => {
  let harness: Harness;
  const { origin, newUser, userWithPasskey, logInStarted, tryLogIn } = passkeyHelpers(() => harness, "pk.budget");

  beforeAll(async () => {
    harness = await startHarness({ LOGIN_MAX_ATTEMPTS_PER_IP: "3", LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "2" }, provider, {
      budgets: "defaults",
    });
  });
  afterAll(async () => {
    await harness?.close();
  });
  // Every window of an earlier test has ended: each test starts with whole budgets.
  beforeEach(() => harness.clock.advance(DAY_MS));

  it("a wrong password on beginRegistration counts against the account's log-in budget", async () => {
    const { browser } = await newUser();
    harness.clock.advance(DAY_MS); // the sign-up and log-in spent nothing of what follows
    const begin = (password: string) =>
      outcomeOf(browser.client.account.passkeys.beginRegistration.mutate({ password }));
    expect([await begin(WRONG_PASSWORD), await begin(WRONG_PASSWORD)]).toEqual([
      "CURRENT_PASSWORD_INVALID",
      "CURRENT_PASSWORD_INVALID",
    ]);
    expect(await begin(PASSWORD)).toBe("RATE_LIMITED");
    expect(await browser.client.account.passkeys.list.query()).toEqual([]);
  });

  it("every rejected passkey log-in counts against the client IP's budget, then RATE_LIMITED", async () => {
    const { authenticator } = await userWithPasskey();
    harness.clock.advance(DAY_MS);
    const stranger = new SoftAuthenticator();
    unregisteredCredential(stranger, new URL(origin()).hostname);
    const outcomes = [
      (await tryLogIn(stranger)).outcome,
      (await tryLogIn(authenticator, { userVerified: false })).outcome,
      (await tryLogIn(authenticator, { origin: "http://evil.example:3000" })).outcome,
    ];
    expect(outcomes).toEqual(["PASSKEY_REJECTED", "PASSKEY_REJECTED", "PASSKEY_REJECTED"]);
    const limited = await failureOf(
      (async () => {
        const { browser, options } = await logInStarted();
        const response = stranger.getAssertion(options, origin());
        return browser.client.account.passkeys.finishLogIn.mutate({ response });
      })(),
    );
    expect(limited.data).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    // The budget is the IP's log-in budget: a password log-in from it is refused too.
    const password = harness.browser().client.account.logIn.mutate({ username: "nobody", password: PASSWORD });
    expect(await outcomeOf(password)).toBe("RATE_LIMITED");
    // Only rejections are counted (as only invalid API keys are): a passkey that verifies is no
    // guess, and still logs in; and once the window ends, rejections start from nothing again.
    expect((await tryLogIn(authenticator)).outcome).toBe("ok");
    harness.clock.advance(limited.data.retryAfterSeconds! * 1000);
    expect((await tryLogIn(stranger)).outcome).toBe("PASSKEY_REJECTED");
    expect((await tryLogIn(authenticator)).outcome).toBe("ok");
  });
});
