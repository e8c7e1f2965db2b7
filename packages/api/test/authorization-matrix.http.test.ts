import { createPrismaClient, hashSessionToken, Uuidv7IdGenerator, type PrismaClient } from "@gatehouse/infra";
import { SoftAuthenticator } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

// Every procedure × every kind of caller × (for procedures that name a user) every kind of
// target, over real HTTP. "ok" means the call succeeds; otherwise the appCode it fails with.
// Around every call the whole state is read from the database (every user's role, activity,
// password hash, sessions, live API keys and passkeys) and diffed: an "ok" row must make exactly its change
// (the role granted, the sessions ended, the password set, the keys revoked, ...), and a refused
// row no change at all.
// "deactivated" is a browser whose user an admin deactivated after it logged in.
type Caller = "anonymous" | "user" | "admin" | "super admin" | "deactivated";
const CALLERS: Caller[] = ["anonymous", "user", "admin", "super admin", "deactivated"];
type Target = "self" | "a user" | "an admin" | "the super admin";
const TARGETS: Target[] = ["self", "a user", "an admin", "the super admin"];

const ok = "ok";
const NO_SESSION = "NOT_AUTHENTICATED";
const DENIED = "PERMISSION_DENIED";
const LOGGED_IN = "ALREADY_AUTHENTICATED";
const ROLE = "ROLE_CHANGE_NOT_PERMITTED";
const ACTIVATION = "ACTIVATION_CHANGE_NOT_PERMITTED";
const NO_CHALLENGE = "MFA_CHALLENGE_EXPIRED";
const INVALID = "VALIDATION_FAILED";
// Past authorization, a use case that needs two-factor on says it is off: these callers have none.
const MFA_OFF = "MFA_NOT_ENABLED";

// Procedures that act on the caller itself, or on nobody in particular.
//                                          anonymous   user       admin      super admin deactivated
const UNTARGETED: Record<string, [string, string, string, string, string]> = {
  "health.check": [ok, ok, ok, ok, ok],
  "account.signUp": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
  "account.logIn": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
  "account.logOut": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.changePassword": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.me": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.sessions": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.endSession": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.endOtherSessions": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "users.create (role user)": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "users.create (role admin)": [NO_SESSION, DENIED, DENIED, ok, NO_SESSION],
  "users.list": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "audit.list": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "admin.overview": [NO_SESSION, DENIED, ok, ok, NO_SESSION],
  "account.completeMfa": [NO_CHALLENGE, LOGGED_IN, LOGGED_IN, LOGGED_IN, NO_CHALLENGE],
  "account.mfa.status": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.mfa.beginTotp": [NO_SESSION, ok, ok, ok, NO_SESSION],
  // A malformed code: the answer is the same whether an enrolment is pending or not.
  "account.mfa.confirmTotp": [NO_SESSION, INVALID, INVALID, INVALID, NO_SESSION],
  "account.mfa.disable": [NO_SESSION, MFA_OFF, MFA_OFF, MFA_OFF, NO_SESSION],
  "account.mfa.regenerateRecoveryCodes": [NO_SESSION, MFA_OFF, MFA_OFF, MFA_OFF, NO_SESSION],
  "account.apiKeys.list": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.apiKeys.create": [NO_SESSION, ok, ok, ok, NO_SESSION],
  // Of a live key of the caller's own.
  "account.apiKeys.revoke": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.passkeys.list": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.passkeys.beginRegistration": [NO_SESSION, ok, ok, ok, NO_SESSION],
  // A right answer to the registration the caller began (if it could).
  "account.passkeys.finishRegistration": [NO_SESSION, ok, ok, ok, NO_SESSION],
  // Of a passkey of the caller's own.
  "account.passkeys.rename": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.passkeys.remove": [NO_SESSION, ok, ok, ok, NO_SESSION],
  "account.passkeys.beginLogIn": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
  // A right answer with another user's passkey, to a log-in challenge the caller's browser holds.
  "account.passkeys.finishLogIn": [ok, LOGGED_IN, LOGGED_IN, LOGGED_IN, ok],
};

// Procedures that name a user, for the callers that administer users. Every other caller is
// refused whatever the target: anonymous and deactivated NOT_AUTHENTICATED, a user PERMISSION_DENIED.
// For the super admin, "self" and "the super admin" are the same user.
//                                   self        a user  an admin  the super admin
const TARGETED: Record<string, Record<"admin" | "super admin", [string, string, string, string]>> = {
  "users.get": { admin: [ok, ok, ok, ok], "super admin": [ok, ok, ok, ok] },
  "users.setPassword": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.grantAdmin": { admin: [DENIED, DENIED, DENIED, DENIED], "super admin": [ROLE, ok, ok, ROLE] },
  "users.revokeAdmin": { admin: [DENIED, DENIED, DENIED, DENIED], "super admin": [ROLE, ok, ok, ROLE] },
  "users.activate": { admin: [DENIED, ok, DENIED, ACTIVATION], "super admin": [ACTIVATION, ok, ok, ACTIVATION] },
  "users.deactivate": {
    admin: [DENIED, ok, DENIED, ACTIVATION],
    "super admin": [ACTIVATION, ok, ok, ACTIVATION],
  },
  "users.sessions": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.endSessions": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.resetMfa": { admin: [DENIED, MFA_OFF, DENIED, DENIED], "super admin": [DENIED, MFA_OFF, MFA_OFF, DENIED] },
  "users.apiKeys": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.revokeApiKeys": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.passkeys": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
  "users.removePasskeys": { admin: [DENIED, ok, DENIED, DENIED], "super admin": [DENIED, ok, ok, DENIED] },
};

function targetedOutcome(procedure: string, caller: Caller, target: Target): string {
  if (caller === "anonymous" || caller === "deactivated") return NO_SESSION;
  if (caller === "user") return DENIED;
  return TARGETED[procedure]![caller][TARGETS.indexOf(target)]!;
}

interface Case {
  title: string;
  procedure: string;
  caller: Caller;
  target: Target | null;
  expected: string;
}

const CASES: Case[] = [
  ...Object.entries(UNTARGETED).flatMap(([procedure, row]) =>
    CALLERS.map((caller, i) => ({
      title: `${procedure} as ${caller}: ${row[i]!}`,
      procedure,
      caller,
      target: null,
      expected: row[i]!,
    })),
  ),
  ...Object.keys(TARGETED).flatMap((procedure) =>
    CALLERS.flatMap((caller) =>
      TARGETS.filter((target) => !(caller === "anonymous" && target === "self")) // the anonymous have no self
        .map((target) => {
          const expected = targetedOutcome(procedure, caller, target);
          return { title: `${procedure} as ${caller} on ${target}: ${expected}`, procedure, caller, target, expected };
        }),
    ),
  ),
];

/**
 * The procedures that end sessions (or show them): for these the caller gets a second session
 * of its own and the target a live one, so that ending the wrong one, or too many, shows.
 * (Every other row still checks that no session anywhere changed.)
 */
const SESSION_SENSITIVE = new Set([
  "account.logOut",
  "account.changePassword",
  "account.endSession",
  "account.endOtherSessions",
  "users.setPassword",
  "users.deactivate",
  "users.sessions",
  "users.endSessions",
  "account.passkeys.finishRegistration",
  "account.passkeys.remove",
  "users.removePasskeys",
]);

/** The procedures that revoke keys: the one whose keys they revoke has a live one, so that revoking shows. */
const KEY_SENSITIVE = new Set(["account.apiKeys.revoke", "users.apiKeys", "users.revokeApiKeys"]);

/** The procedures that change or show passkeys: the one whose passkeys they are has one, so that a change shows. */
const PASSKEY_SENSITIVE = new Set([
  "account.passkeys.list",
  "account.passkeys.rename",
  "account.passkeys.remove",
  "users.passkeys",
  "users.removePasskeys",
]);

/** What the database holds of one user: everything an authorization failure could change. */
interface UserState {
  username: string;
  role: string;
  isActive: boolean;
  passwordHash: unknown;
  /** Public ids of the user's sessions, sorted. */
  sessions: string[];
  /** Ids of the user's live (unrevoked) API keys, sorted. */
  apiKeys: string[];
  /** The user's passkeys, as "id name", sorted. */
  passkeys: string[];
}
type World = Record<string, UserState>;

async function snapshot(prisma: PrismaClient): Promise<World> {
  const users = await prisma.user.findMany({
    select: { id: true, username: true, role: true, isActive: true, passwordHash: true },
  });
  const sessions = await prisma.session.findMany({ select: { userId: true, publicId: true } });
  const apiKeys = await prisma.apiKey.findMany({ where: { revokedAt: null }, select: { userId: true, id: true } });
  const passkeys = await prisma.passkey.findMany({ select: { userId: true, id: true, name: true } });
  const world: World = {};
  for (const { id, ...user } of users) {
    world[id] = {
      ...user,
      sessions: sessions
        .filter((s) => s.userId === id)
        .map((s) => s.publicId)
        .sort(),
      apiKeys: apiKeys
        .filter((k) => k.userId === id)
        .map((k) => k.id)
        .sort(),
      passkeys: passkeys
        .filter((p) => p.userId === id)
        .map((p) => `${p.id} ${p.name}`)
        .sort(),
    };
  }
  return world;
}

type RegistrationResponseJSON = ReturnType<SoftAuthenticator["createCredential"]>;
type AuthenticationResponseJSON = ReturnType<SoftAuthenticator["getAssertion"]>;
type PublicKeyCredentialCreationOptionsJSON = Parameters<SoftAuthenticator["createCredential"]>[0];

/** Registration options no server made: for a caller who could not begin one (its answer is never checked). */
function madeUpRegistrationOptions(): PublicKeyCredentialCreationOptionsJSON {
  return {
    rp: { id: "localhost", name: "nobody" },
    user: { id: "dXNlcg", name: "user", displayName: "user" },
    challenge: "bm8gY2hhbGxlbmdl",
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  };
}

describe.each<Provider>(["sqlite", "postgresql"])("authorization matrix over HTTP on %s", (provider) => {
  let harness: Harness;
  let prisma: PrismaClient;
  let root: Browser;
  let rootId: string;
  let passwordHash: string;
  const ids = new Uuidv7IdGenerator();
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${(counter += 1)}`;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    prisma = createPrismaClient(harness.database.url);
    rootId = await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin");
    const { id } = await harness
      .browser()
      .client.account.signUp.mutate({ username: "hash.source", password: PASSWORD });
    ({ passwordHash } = await prisma.user.findUniqueOrThrow({ where: { id } }));
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await harness?.close();
  });

  /**
   * A user of this role with password PASSWORD, written straight into the table with the hash
   * one sign-up made (Argon2 is slow, and the matrix needs hundreds of users: how they came to
   * be is not what it tests).
   */
  async function newUser(role: "user" | "admin"): Promise<{ id: string; username: string }> {
    const username = fresh(role === "admin" ? "admin.no" : "user.no");
    const id = ids.next();
    const now = new Date();
    await prisma.user.create({
      data: {
        id,
        username,
        usernameKey: username,
        passwordHash,
        role,
        isActive: true,
        createdAt: now,
        updatedAt: now,
        version: 1,
      },
    });
    return { id, username };
  }

  /** A live API key of this user, written straight into the table (only its id matters here). */
  async function newKey(userId: string): Promise<string> {
    const id = ids.next();
    const now = new Date();
    await prisma.apiKey.create({
      data: {
        id,
        userId,
        name: "matrix key",
        prefix: "ghk_matrix",
        scope: "full",
        keyHash: `hash of ${id}`,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      },
    });
    return id;
  }

  /** A passkey of this user, written straight into the table (only its id and name matter here). */
  async function newPasskey(userId: string): Promise<string> {
    const id = ids.next();
    await prisma.passkey.create({
      data: {
        id,
        userId,
        // base64url, as an authenticator's: it goes into the options of the user's next registration
        credentialId: Buffer.from(`credential of ${id}`).toString("base64url"),
        publicKey: new Uint8Array([1, 2, 3]),
        counter: 0n,
        transports: "internal",
        name: "matrix passkey",
        backedUp: false,
        createdAt: new Date(),
      },
    });
    return id;
  }

  /** The public id of the session a browser holds, from its cookie. */
  async function currentSessionOf(browser: Browser): Promise<string | null> {
    const token = browser.cookies.get("gatehouse_session");
    if (!token) return null;
    const row = await prisma.session.findUnique({ where: { id: hashSessionToken(token) } });
    return row?.publicId ?? null;
  }

  async function callerFor(caller: Caller): Promise<{ browser: Browser; id: string | null; username: string | null }> {
    if (caller === "anonymous") return { browser: harness.browser(), id: null, username: null };
    if (caller === "super admin")
      return { browser: await harness.loggedIn("root.admin"), id: rootId, username: "root.admin" };
    const account = await newUser(caller === "admin" ? "admin" : "user");
    const browser = await harness.loggedIn(account.username);
    if (caller === "deactivated") await root.client.users.deactivate.mutate({ userId: account.id });
    return { browser, ...account };
  }

  /** The target, with a live session of its own so that ending its sessions shows. */
  async function targetFor(procedure: string, target: Target, self: string | null): Promise<string> {
    if (target === "self") return self!;
    if (target === "the super admin") return rootId;
    const account = await newUser(target === "an admin" ? "admin" : "user");
    if (SESSION_SENSITIVE.has(procedure)) await harness.loggedIn(account.username);
    if (KEY_SENSITIVE.has(procedure)) await newKey(account.id);
    if (PASSKEY_SENSITIVE.has(procedure)) await newPasskey(account.id);
    return account.id;
  }

  it.each(CASES.map((c) => [c.title, c] as const))("%s", async (_title, { procedure, caller, target, expected }) => {
    const me = await callerFor(caller);
    const { client } = me.browser;
    const userId = target ? await targetFor(procedure, target, me.id) : "";
    // A deactivated target, so that activating it shows (not the caller, nor the super admin).
    if (procedure === "users.activate" && (target === "a user" || target === "an admin"))
      await root.client.users.deactivate.mutate({ userId });
    // A second session of the caller's own, so that ending one other than the current shows.
    const own =
      me.username && caller !== "deactivated" && SESSION_SENSITIVE.has(procedure)
        ? await harness.loggedIn(me.username)
        : null;
    const current = await currentSessionOf(me.browser);
    const otherOwn = own ? await currentSessionOf(own) : null;
    const other =
      procedure === "account.logIn" || procedure === "account.passkeys.finishLogIn" ? await newUser("user") : null;
    const ownKey = me.id && procedure === "account.apiKeys.revoke" ? await newKey(me.id) : null;
    const ownPasskey = me.id && PASSKEY_SENSITIVE.has(procedure) && !target ? await newPasskey(me.id) : null;
    const appOrigin = harness.gatehouse.container.config.appOrigin;
    // finishRegistration: the caller began a registration (a live caller can), and its device answers.
    let registration: RegistrationResponseJSON | null = null;
    if (procedure === "account.passkeys.finishRegistration") {
      const options = await client.account.passkeys.beginRegistration.mutate({ password: PASSWORD }).catch(() => null);
      registration = new SoftAuthenticator().createCredential(
        (options as PublicKeyCredentialCreationOptionsJSON | null) ?? madeUpRegistrationOptions(),
        appOrigin,
      );
    }
    // finishLogIn: another user's device, answering a log-in challenge the caller's browser holds.
    let assertion: AuthenticationResponseJSON | null = null;
    if (procedure === "account.passkeys.finishLogIn") {
      const device = new SoftAuthenticator();
      const owner = harness.browser();
      await owner.client.account.logIn.mutate({ username: other!.username, password: PASSWORD });
      const options = await owner.client.account.passkeys.beginRegistration.mutate({ password: PASSWORD });
      const response = device.createCredential(options as PublicKeyCredentialCreationOptionsJSON, appOrigin);
      await owner.client.account.passkeys.finishRegistration.mutate({ name: "other's passkey", response });
      const anonymous = harness.browser();
      const logIn = await anonymous.client.account.passkeys.beginLogIn.mutate();
      me.browser.cookies.set("gatehouse_passkey", anonymous.cookies.get("gatehouse_passkey")!);
      assertion = device.getAssertion(logIn, appOrigin);
    }
    const newName = fresh("new.no");

    const before = await snapshot(prisma);
    const outcome = await (async (): Promise<string> => {
      switch (procedure) {
        case "health.check":
          return outcomeOf(client.health.check.query());
        case "account.signUp":
          return outcomeOf(client.account.signUp.mutate({ username: newName, password: PASSWORD }));
        case "account.logIn":
          return outcomeOf(client.account.logIn.mutate({ username: other!.username, password: PASSWORD }));
        case "account.logOut":
          return outcomeOf(client.account.logOut.mutate());
        case "account.changePassword":
          return outcomeOf(
            client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: `${PASSWORD}!` }),
          );
        case "account.me":
          return outcomeOf(client.account.me.query());
        case "account.sessions":
          return outcomeOf(client.account.sessions.query());
        case "account.endSession":
          return outcomeOf(client.account.endSession.mutate({ sessionId: otherOwn ?? "no-such-session" }));
        case "account.endOtherSessions":
          return outcomeOf(client.account.endOtherSessions.mutate());
        case "users.create (role user)":
          return outcomeOf(client.users.create.mutate({ username: newName, password: PASSWORD, role: "user" }));
        case "users.create (role admin)":
          return outcomeOf(client.users.create.mutate({ username: newName, password: PASSWORD, role: "admin" }));
        case "users.list":
          return outcomeOf(client.users.list.query({ limit: 5 }));
        case "users.get":
          return outcomeOf(client.users.get.query({ userId }));
        case "users.setPassword":
          return outcomeOf(client.users.setPassword.mutate({ userId, password: `${PASSWORD}?` }));
        case "users.grantAdmin":
          return outcomeOf(client.users.grantAdmin.mutate({ userId }));
        case "users.revokeAdmin":
          return outcomeOf(client.users.revokeAdmin.mutate({ userId }));
        case "users.activate":
          return outcomeOf(client.users.activate.mutate({ userId }));
        case "users.deactivate":
          return outcomeOf(client.users.deactivate.mutate({ userId }));
        case "users.sessions":
          return outcomeOf(client.users.sessions.query({ userId }));
        case "users.endSessions":
          return outcomeOf(client.users.endSessions.mutate({ userId }));
        case "audit.list":
          return outcomeOf(client.audit.list.query({ limit: 5 }));
        case "admin.overview":
          return outcomeOf(client.admin.overview.query());
        case "account.completeMfa":
          return outcomeOf(client.account.completeMfa.mutate({ code: "123456" }));
        case "account.mfa.status":
          return outcomeOf(client.account.mfa.status.query());
        case "account.mfa.beginTotp":
          return outcomeOf(client.account.mfa.beginTotp.mutate({ password: PASSWORD }));
        case "account.mfa.confirmTotp":
          return outcomeOf(client.account.mfa.confirmTotp.mutate({ code: "not a code" }));
        case "account.mfa.disable":
          return outcomeOf(client.account.mfa.disable.mutate({ password: PASSWORD, code: "123456" }));
        case "account.mfa.regenerateRecoveryCodes":
          return outcomeOf(client.account.mfa.regenerateRecoveryCodes.mutate({ password: PASSWORD, code: "123456" }));
        case "users.resetMfa":
          return outcomeOf(client.users.resetMfa.mutate({ userId }));
        case "account.apiKeys.list":
          return outcomeOf(client.account.apiKeys.list.query());
        case "account.apiKeys.create":
          return outcomeOf(client.account.apiKeys.create.mutate({ password: PASSWORD, name: "job", scope: "read" }));
        case "account.apiKeys.revoke":
          return outcomeOf(client.account.apiKeys.revoke.mutate({ keyId: ownKey ?? "no-such-key" }));
        case "users.apiKeys":
          return outcomeOf(client.users.apiKeys.query({ userId }));
        case "users.revokeApiKeys":
          return outcomeOf(client.users.revokeApiKeys.mutate({ userId }));
        case "account.passkeys.list":
          return outcomeOf(client.account.passkeys.list.query());
        case "account.passkeys.beginRegistration":
          return outcomeOf(client.account.passkeys.beginRegistration.mutate({ password: PASSWORD }));
        case "account.passkeys.finishRegistration":
          return outcomeOf(client.account.passkeys.finishRegistration.mutate({ name: "new", response: registration! }));
        case "account.passkeys.rename":
          return outcomeOf(
            client.account.passkeys.rename.mutate({ passkeyId: ownPasskey ?? "no-such-passkey", name: "renamed" }),
          );
        case "account.passkeys.remove":
          return outcomeOf(
            client.account.passkeys.remove.mutate({ passkeyId: ownPasskey ?? "no-such-passkey", password: PASSWORD }),
          );
        case "account.passkeys.beginLogIn":
          return outcomeOf(client.account.passkeys.beginLogIn.mutate());
        case "account.passkeys.finishLogIn":
          return outcomeOf(client.account.passkeys.finishLogIn.mutate({ response: assertion! }));
        case "users.passkeys":
          return outcomeOf(client.users.passkeys.query({ userId }));
        case "users.removePasskeys":
          return outcomeOf(client.users.removePasskeys.mutate({ userId }));
        default:
          throw new Error(`no call for ${procedure}`);
      }
    })();
    try {
      expect(outcome).toBe(expected);
      const after = await snapshot(prisma);

      // The state the call must have left: the one before, with exactly this row's change.
      const world: World = structuredClone(before);
      const newPassword = (id: string) =>
        (world[id]!.passwordHash = expect.not.stringContaining(String(before[id]!.passwordHash)));
      const added = (id: string) => after[id]!.sessions.filter((s) => !before[id]!.sessions.includes(s));
      const created = Object.keys(after).filter((id) => !(id in before));
      let creates: { username: string; role: string } | null = null;
      if (outcome === "ok") {
        switch (procedure) {
          case "account.signUp":
            creates = { username: newName, role: "user" };
            break;
          case "account.logIn":
          case "account.passkeys.finishLogIn":
            expect(added(other!.id)).toHaveLength(1);
            world[other!.id]!.sessions = [...after[other!.id]!.sessions];
            break;
          case "account.logOut":
            world[me.id!]!.sessions = before[me.id!]!.sessions.filter((s) => s !== current);
            break;
          case "account.changePassword":
          case "account.endOtherSessions":
            if (procedure === "account.changePassword") newPassword(me.id!);
            world[me.id!]!.sessions = [current!];
            break;
          case "account.endSession":
            world[me.id!]!.sessions = before[me.id!]!.sessions.filter((s) => s !== otherOwn);
            break;
          case "users.create (role user)":
            creates = { username: newName, role: "user" };
            break;
          case "users.create (role admin)":
            creates = { username: newName, role: "admin" };
            break;
          case "users.setPassword":
            newPassword(userId);
            world[userId]!.sessions = [];
            break;
          case "users.grantAdmin":
            world[userId]!.role = "admin";
            break;
          case "users.revokeAdmin":
            world[userId]!.role = "user";
            break;
          case "users.activate":
            world[userId]!.isActive = true;
            break;
          case "users.deactivate":
            world[userId]!.isActive = false;
            world[userId]!.sessions = [];
            break;
          case "users.endSessions":
            world[userId]!.sessions = [];
            break;
          case "account.apiKeys.create":
            expect(after[me.id!]!.apiKeys).toHaveLength(before[me.id!]!.apiKeys.length + 1);
            world[me.id!]!.apiKeys = [...after[me.id!]!.apiKeys];
            break;
          case "account.apiKeys.revoke":
            world[me.id!]!.apiKeys = before[me.id!]!.apiKeys.filter((k) => k !== ownKey);
            break;
          case "users.revokeApiKeys":
            world[userId]!.apiKeys = [];
            break;
          case "account.passkeys.finishRegistration":
            expect(after[me.id!]!.passkeys).toHaveLength(before[me.id!]!.passkeys.length + 1);
            world[me.id!]!.passkeys = [...after[me.id!]!.passkeys];
            world[me.id!]!.sessions = [current!];
            break;
          case "account.passkeys.rename":
            world[me.id!]!.passkeys = before[me.id!]!.passkeys.map((p) =>
              p.startsWith(`${ownPasskey!} `) ? `${ownPasskey!} renamed` : p,
            ).sort();
            break;
          case "account.passkeys.remove":
            world[me.id!]!.passkeys = before[me.id!]!.passkeys.filter((p) => !p.startsWith(`${ownPasskey!} `));
            world[me.id!]!.sessions = [current!];
            break;
          case "users.removePasskeys":
            world[userId]!.passkeys = [];
            world[userId]!.sessions = [];
            break;
          default: // reads change nothing
        }
      }
      expect(created).toHaveLength(creates ? 1 : 0);
      if (creates) {
        const [id] = created;
        world[id!] = {
          ...creates,
          isActive: true,
          passwordHash: after[id!]!.passwordHash,
          sessions: [],
          apiKeys: [],
          passkeys: [],
        };
      }
      expect(after).toEqual(world);
    } finally {
      // Put back what later rows rely on (even when this one failed): the caller's password, root's session.
      if (procedure === "account.changePassword" && outcome === "ok")
        await client.account.changePassword.mutate({ currentPassword: `${PASSWORD}!`, newPassword: PASSWORD });
      if (caller === "super admin" || target === "the super admin") root = await harness.loggedIn("root.admin");
    }
  });

  it("covers every procedure of the router", async () => {
    const { PROCEDURES } = await import("../resilience/support/procedures");
    const covered = new Set(CASES.map((c) => c.procedure.replace(/ \(.*\)$/, "")));
    expect(
      PROCEDURES.map((p) => p.path)
        .filter((path) => !covered.has(path))
        .sort(),
    ).toEqual([]);
    console.info(`[authorization matrix on ${provider}] ${CASES.length} cases`);
  });
});
