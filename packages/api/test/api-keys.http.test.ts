// API keys over real HTTP, on SQLite and PostgreSQL: a program calls Gatehouse with a key
// (Authorization: Bearer), as its owner, within the key's scope. Expiry and "last used" are
// shown by moving the app's clock (harness.clock), never by waiting.
import { createHash } from "node:crypto";
import { createPrismaClient, type PrismaClient } from "@gatehouse/infra";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGatehouseClient } from "../src/client";
import {
  failureOf,
  outcomeOf,
  PASSWORD,
  startHarness,
  type Browser,
  type Harness,
  type Provider,
  startSuite,
  stopSuite,
} from "./http-harness";

const DAY_MS = 86_400_000;
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** A well-formed key nobody was given. */
const UNKNOWN_KEY = `ghk_${"A".repeat(43)}`;

describe.each<Provider>(["sqlite", "postgresql"])("API keys (%s)", (provider) => {
  let harness: Harness;
  let prisma: PrismaClient;
  let root: Browser;
  let serial = 0;

  beforeAll(async () => ({ harness, prisma, root } = await startSuite(provider)));
  afterAll(() => stopSuite({ harness, prisma }));

  /** A new account of this role, logged in. */
  async function newAccount(
    role: "user" | "admin" = "user",
  ): Promise<{ id: string; username: string; browser: Browser }> {
    const username = `keys.${role}${++serial}`;
    const { id } = await root.client.users.create.mutate({ username, password: PASSWORD, role });
    return { id, username, browser: await harness.loggedIn(username) };
  }

  /** A key of this browser's user, and a program client using it. */
  async function keyOf(browser: Browser, scope: "read" | "full", expiresInDays?: number) {
    const made = await browser.client.account.apiKeys.create.mutate({
      password: PASSWORD,
      name: `${scope} key`,
      scope,
      ...(expiresInDays !== undefined && { expiresInDays }),
    });
    return { ...made, program: createGatehouseClient({ url: harness.url, apiKey: made.key }) };
  }

  /** account.me by raw fetch, with these headers: the status and the appCode. */
  async function rawMe(headers: Record<string, string>): Promise<{ status: number; appCode: string | undefined }> {
    const response = await fetch(`${harness.url}/api/trpc/account.me`, { headers });
    const body = (await response.json()) as { error?: { data?: { appCode?: string } } };
    return { status: response.status, appCode: body.error?.data?.appCode };
  }

  it("a key made with the password acts as its owner; a read key only reads", async () => {
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username: `keys.owner`, password: PASSWORD });
    await browser.client.account.logIn.mutate({ username: `keys.owner`, password: PASSWORD });
    const { id, key } = await browser.client.account.apiKeys.create.mutate({
      password: PASSWORD,
      name: "reporting job",
      scope: "read",
    });
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}$/);
    const program = createGatehouseClient({ url: harness.url, apiKey: key });
    expect((await program.account.me.query()).username).toBe("keys.owner");
    expect((await failureOf(program.account.endOtherSessions.mutate())).data.appCode).toBe("API_KEY_SCOPE");
    expect((await failureOf(program.account.apiKeys.list.query())).data.appCode).toBe("API_KEY_SCOPE");
    const [listed] = await browser.client.account.apiKeys.list.query();
    expect(listed).toMatchObject({ id, name: "reporting job", scope: "read", prefix: key.slice(0, 12) });
    expect(listed!.lastUsedAt).not.toBeNull();

    await browser.client.account.apiKeys.revoke.mutate({ keyId: id });
    expect((await failureOf(program.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
  });

  it("create shows the key once: the list never holds it, the database keeps only its SHA-256", async () => {
    const { id: userId, browser } = await newAccount();
    const { id, key } = await keyOf(browser, "full");
    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}$/);

    const listed = await browser.client.account.apiKeys.list.query();
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "scope"].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(JSON.stringify(listed)).not.toContain(key.slice(12));

    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId, keyHash: sha256Hex(key), prefix: key.slice(0, 12), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
  });

  it("a wrong password is CURRENT_PASSWORD_INVALID and stores nothing", async () => {
    const { id: userId, browser } = await newAccount();
    const failure = await failureOf(
      browser.client.account.apiKeys.create.mutate({ password: "wrong horse battery", name: "job", scope: "full" }),
    );
    expect(failure.data).toMatchObject({ appCode: "CURRENT_PASSWORD_INVALID", httpStatus: 403 });
    expect(await prisma.apiKey.count({ where: { userId } })).toBe(0);
    expect(await browser.client.account.apiKeys.list.query()).toEqual([]);
    const { items } = await root.client.audit.list.query({ targetId: userId, type: "api_key.created" });
    expect(items).toEqual([]);
  });

  it("create checks the name, the scope and the days, naming the field; nothing is stored", async () => {
    const { id: userId, browser } = await newAccount();
    const create = (input: { name: string; scope: string; expiresInDays?: number }) =>
      failureOf(browser.client.account.apiKeys.create.mutate({ password: PASSWORD, ...input }));
    const cases: Array<[{ name: string; scope: string; expiresInDays?: number }, string]> = [
      [{ name: "", scope: "read" }, "name"],
      [{ name: "   ", scope: "read" }, "name"],
      [{ name: "n".repeat(65), scope: "read" }, "name"],
      [{ name: "job", scope: "write" }, "scope"],
      [{ name: "job", scope: "read", expiresInDays: 0 }, "expiresInDays"],
      [{ name: "job", scope: "read", expiresInDays: 366 }, "expiresInDays"],
      [{ name: "job", scope: "read", expiresInDays: 1.5 }, "expiresInDays"],
    ];
    for (const [input, field] of cases) {
      const { data } = await create(input);
      expect(data.appCode, JSON.stringify(input)).toBe("VALIDATION_FAILED");
      expect(Object.keys(data.fieldErrors ?? {}), JSON.stringify(input)).toEqual([field]);
    }
    expect(await prisma.apiKey.count({ where: { userId } })).toBe(0);
  });

  it("the list is newest first, without revoked keys, each expiring its days after it was made", async () => {
    const { browser } = await newAccount();
    const first = await keyOf(browser, "read", 1);
    harness.clock.advance(1000); // distinct creation times
    const second = await keyOf(browser, "full");
    harness.clock.advance(1000);
    const third = await keyOf(browser, "read", 365);

    const listed = await browser.client.account.apiKeys.list.query();
    expect(listed.map((k) => k.id)).toEqual([third.id, second.id, first.id]);
    const days = (k: (typeof listed)[number]) => (Date.parse(k.expiresAt) - Date.parse(k.createdAt)) / DAY_MS;
    expect(listed.map(days)).toEqual([365, 90, 1]);

    await browser.client.account.apiKeys.revoke.mutate({ keyId: second.id });
    expect((await browser.client.account.apiKeys.list.query()).map((k) => k.id)).toEqual([third.id, first.id]);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: second.id } })).revokedAt).not.toBeNull();
  });

  it("a key acts with its owner's current role and activity", async () => {
    const admin = await newAccount("admin");
    const { program } = await keyOf(admin.browser, "full");
    expect(await program.account.me.query()).toMatchObject({ id: admin.id, username: admin.username, role: "admin" });
    expect(await outcomeOf(program.users.list.query({ limit: 5 }))).toBe("ok");

    await root.client.users.revokeAdmin.mutate({ userId: admin.id });
    expect((await failureOf(program.users.list.query({ limit: 5 }))).data.appCode).toBe("PERMISSION_DENIED");
    expect((await program.account.me.query()).role).toBe("user");

    await root.client.users.deactivate.mutate({ userId: admin.id });
    const failure = await failureOf(program.account.me.query());
    expect(failure.data).toMatchObject({ appCode: "NOT_AUTHENTICATED", httpStatus: 401 });
  });

  it("a read key makes queries but no mutation; a full key mutates without an Origin header", async () => {
    const { id: userId, username, browser } = await newAccount();
    const read = await keyOf(browser, "read");
    expect(await outcomeOf(read.program.account.sessions.query())).toBe("ok");
    expect(await outcomeOf(read.program.account.mfa.status.query())).toBe("API_KEY_SCOPE");
    // Thunks, one call at a time: the client batches calls made together.
    const mutations = [
      () => read.program.account.endOtherSessions.mutate(),
      () => read.program.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: `${PASSWORD}!` }),
      () => read.program.account.logOut.mutate(),
      () => read.program.account.endSession.mutate({ sessionId: "no-such-session" }),
    ];
    for (const mutation of mutations) expect(await outcomeOf(mutation())).toBe("API_KEY_SCOPE");
    expect(await prisma.session.count({ where: { userId } })).toBe(1);

    const other = await harness.loggedIn(username);
    expect(await prisma.session.count({ where: { userId } })).toBe(2);
    const full = await keyOf(browser, "full");
    // createGatehouseClient sends no Origin header: a program is no browser.
    await full.program.account.endOtherSessions.mutate();
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
    expect((await failureOf(other.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
  });

  it("no key manages keys or two-factor, nor revokes keys or resets two-factor of others", async () => {
    const admin = await newAccount("admin");
    const target = await newAccount();
    const targetKey = await keyOf(target.browser, "read");
    for (const scope of ["read", "full"] as const) {
      const { id, program } = await keyOf(admin.browser, scope);
      const calls = [
        () => program.account.apiKeys.list.query(),
        () => program.account.apiKeys.create.mutate({ password: PASSWORD, name: "more", scope: "full" }),
        () => program.account.apiKeys.revoke.mutate({ keyId: id }),
        () => program.account.mfa.status.query(),
        () => program.account.mfa.beginTotp.mutate({ password: PASSWORD }),
        () => program.users.revokeApiKeys.mutate({ userId: target.id }),
        () => program.users.resetMfa.mutate({ userId: target.id }),
      ];
      for (const call of calls) {
        const { data } = await failureOf(call());
        expect(data).toMatchObject({ appCode: "API_KEY_SCOPE", httpStatus: 403 });
      }
    }
    // Nothing was made or revoked: the admin's two keys and the target's one are live.
    expect(await prisma.apiKey.count({ where: { userId: admin.id, revokedAt: null } })).toBe(2);
    expect(await prisma.apiKey.count({ where: { userId: target.id, revokedAt: null } })).toBe(1);
    expect(await outcomeOf(targetKey.program.account.me.query())).toBe("ok");
  });

  it("a request with a key ignores the session cookie sent along", async () => {
    const owner = await newAccount();
    const other = await newAccount();
    const { key } = await keyOf(owner.browser, "read");
    const cookie = `gatehouse_session=${other.browser.cookies.get("gatehouse_session")!}`;
    const withKey = await fetch(`${harness.url}/api/trpc/account.me`, {
      headers: { authorization: `Bearer ${key}`, cookie },
    });
    expect(withKey.status).toBe(200);
    expect(((await withKey.json()) as { result: { data: { id: string } } }).result.data.id).toBe(owner.id);

    expect(await rawMe({ authorization: `Bearer ${UNKNOWN_KEY}`, cookie })).toEqual({
      status: 401,
      appCode: "NOT_AUTHENTICATED",
    });
    expect(await rawMe({ cookie })).toMatchObject({ status: 200 });
  });

  it("a malformed Authorization header is NOT_AUTHENTICATED, never a server error", async () => {
    const { key } = await keyOf((await newAccount()).browser, "read");
    const headers = [
      "Bearer",
      "Bearer ",
      "Basic x",
      `Basic ${key}`,
      "Bearer a b",
      `Bearer ${key} extra`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ${key}x`,
      `bearer${key}`,
      "garbage",
      "\u00e9\u00e9\u00e9",
      UNKNOWN_KEY,
    ];
    for (const authorization of headers) {
      expect(await rawMe({ authorization }), authorization).toEqual({ status: 401, appCode: "NOT_AUTHENTICATED" });
    }
  });

  it("an expired key is refused; a revoked one at once", async () => {
    const { browser } = await newAccount();
    const expiring = await keyOf(browser, "read", 1);
    const revoked = await keyOf(browser, "full");
    expect(await outcomeOf(expiring.program.account.me.query())).toBe("ok");
    expect(await outcomeOf(revoked.program.account.me.query())).toBe("ok");

    expect(await browser.client.account.apiKeys.revoke.mutate({ keyId: revoked.id })).toEqual({ ok: true });
    expect((await failureOf(revoked.program.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");

    harness.clock.advance(DAY_MS + 1000);
    expect((await failureOf(expiring.program.account.me.query())).data).toMatchObject({
      appCode: "NOT_AUTHENTICATED",
      httpStatus: 401,
    });
  });

  it("revoke is API_KEY_NOT_FOUND for another user's key, an unknown or a revoked one", async () => {
    const owner = await newAccount();
    const other = await newAccount();
    const theirs = await keyOf(other.browser, "read");
    const mine = await keyOf(owner.browser, "read");
    await owner.browser.client.account.apiKeys.revoke.mutate({ keyId: mine.id });
    for (const keyId of [theirs.id, "no-such-key", mine.id]) {
      const { data } = await failureOf(owner.browser.client.account.apiKeys.revoke.mutate({ keyId }));
      expect(data).toMatchObject({ appCode: "API_KEY_NOT_FOUND", httpStatus: 404 });
    }
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    expect(await outcomeOf(theirs.program.account.me.query())).toBe("ok");
  });

  it("last used is written at most once a minute per key", async () => {
    const { browser } = await newAccount();
    const { id, program } = await keyOf(browser, "read");
    const lastUsed = async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await program.account.me.query();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    harness.clock.advance(30_000);
    await program.account.me.query();
    expect(await lastUsed()).toEqual(first);

    harness.clock.advance(31_000); // 61 s after the first use
    await program.account.me.query();
    const second = await lastUsed();
    expect(second!.getTime()).toBeGreaterThanOrEqual(first!.getTime() + 61_000);
    const [listed] = await browser.client.account.apiKeys.list.query();
    expect(listed!.lastUsedAt).toBe(second!.toISOString());
  });

  it("admins see and revoke a user's keys, not an admin's; the audit records both events", async () => {
    const admin = await newAccount("admin");
    const user = await newAccount();
    const otherAdmin = await newAccount("admin");
    const one = await keyOf(user.browser, "read");
    harness.clock.advance(1000);
    const two = await keyOf(user.browser, "full");
    await keyOf(otherAdmin.browser, "read");

    const seen = await admin.browser.client.users.apiKeys.query({ userId: user.id });
    expect(seen).toEqual(await user.browser.client.account.apiKeys.list.query());
    expect(seen.map((k) => k.id)).toEqual([two.id, one.id]);
    expect(JSON.stringify(seen)).not.toContain(one.key.slice(12));

    expect(await outcomeOf(admin.browser.client.users.apiKeys.query({ userId: otherAdmin.id }))).toBe(
      "PERMISSION_DENIED",
    );
    expect(await outcomeOf(admin.browser.client.users.revokeApiKeys.mutate({ userId: otherAdmin.id }))).toBe(
      "PERMISSION_DENIED",
    );
    expect(await prisma.apiKey.count({ where: { userId: otherAdmin.id, revokedAt: null } })).toBe(1);

    expect(await admin.browser.client.users.revokeApiKeys.mutate({ userId: user.id })).toEqual({ ok: true });
    expect(await prisma.apiKey.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await admin.browser.client.users.apiKeys.query({ userId: user.id })).toEqual([]);
    expect((await failureOf(two.program.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");

    const revoked = await root.client.audit.list.query({ type: "api_key.revoked", targetId: user.id });
    expect(revoked.items).toHaveLength(1);
    expect(revoked.items[0]).toMatchObject({ actorId: admin.id, targetId: user.id });
    const created = await root.client.audit.list.query({ type: "api_key.created", targetId: user.id });
    expect(created.items.map((e) => [e.actorId, e.targetId])).toEqual([
      [user.id, user.id],
      [user.id, user.id],
    ]);
  });
});

describe.each<Provider>(["sqlite", "postgresql"])("API keys and the log-in budgets (%s)", (provider) => {
  let harness: Harness;

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

  it("a wrong password on create counts against the account's log-in budget", async () => {
    const browser = harness.browser();
    const { id: userId } = await browser.client.account.signUp.mutate({ username: "budget.owner", password: PASSWORD });
    await browser.client.account.logIn.mutate({ username: "budget.owner", password: PASSWORD });
    const create = (password: string) =>
      outcomeOf(browser.client.account.apiKeys.create.mutate({ password, name: "job", scope: "read" }));
    expect([await create("wrong horse one"), await create("wrong horse two")]).toEqual([
      "CURRENT_PASSWORD_INVALID",
      "CURRENT_PASSWORD_INVALID",
    ]);
    expect(await create(PASSWORD)).toBe("RATE_LIMITED");
    expect(await browser.client.account.apiKeys.list.query()).toEqual([]);
    const prisma = createPrismaClient(harness.database.url);
    try {
      expect(await prisma.apiKey.count({ where: { userId } })).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("every invalid key counts against the client IP's log-in budget, then RATE_LIMITED", async () => {
    const program = createGatehouseClient({ url: harness.url, apiKey: `ghk_${"B".repeat(43)}` });
    const malformed = createGatehouseClient({ url: harness.url, apiKey: "not a key" });
    const outcomes = [
      await outcomeOf(program.account.me.query()),
      await outcomeOf(malformed.account.me.query()),
      await outcomeOf(program.account.me.query()),
    ];
    expect(outcomes).toEqual(["NOT_AUTHENTICATED", "NOT_AUTHENTICATED", "NOT_AUTHENTICATED"]);
    const limited = await failureOf(program.account.me.query());
    expect(limited.data).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    // The budget is the IP's log-in budget: a password log-in from it is refused too.
    const login = harness.browser().client.account.logIn.mutate({ username: "nobody", password: PASSWORD });
    expect(await outcomeOf(login)).toBe("RATE_LIMITED");
  });
});
