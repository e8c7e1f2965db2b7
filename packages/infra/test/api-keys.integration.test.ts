// API keys on real databases: the store (add, list, revoke, revoke all), the key check beside
// the session check (live keys only), and the Bearer caller (invalid keys count against the
// client IP's budget; "last used" is written at most once a minute). Time moves by the app's
// clock (app.clock), never by waiting.
import { NotAuthenticatedError, type ApiKeyScope, type UserId } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApiKeyCaller,
  hashApiKey,
  PrismaApiKeyStore,
  PrismaUnitOfWork,
  RandomApiKeyGenerator,
  RateLimitedError,
} from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

const DAY_MS = 86_400_000;
const CLIENT_IP = "203.0.113.9";
const MAX_PER_IP = 4;

describe.each(TEST_PROVIDERS)("API keys on %s", (provider) => {
  let app: TestApp;
  let alice: UserId;
  let bob: UserId;
  let serial = 0;
  const generator = new RandomApiKeyGenerator();

  beforeEach(async () => {
    app = await createTestApp(provider, {
      loginAttemptsPerAccount: 1000,
      loginAttemptsPerIp: MAX_PER_IP,
      loginWindowSeconds: 900,
      signUpsPerIp: 1000,
      signUpWindowSeconds: 3600,
    });
    ({ id: alice } = await app.request().signUp.execute({ username: "alice", password: "correct horse" }));
    ({ id: bob } = await app.request().signUp.execute({ username: "bobby", password: "correct horse" }));
  });

  afterEach(async () => {
    await app.close();
  });

  /** A store on a unit of work of its own, as one request has. */
  function store(): { keys: PrismaApiKeyStore; unitOfWork: PrismaUnitOfWork } {
    const unitOfWork = new PrismaUnitOfWork(app.prisma);
    return { keys: new PrismaApiKeyStore(unitOfWork, app.clock), unitOfWork };
  }

  /** A new key of this user, added through the store and committed. */
  async function addKey(userId: UserId, { scope = "read", days = 90 }: { scope?: ApiKeyScope; days?: number } = {}) {
    const { key, prefix, hash } = generator.generate();
    const createdAt = app.clock.now();
    const id = `key-${++serial}`;
    const { keys, unitOfWork } = store();
    const expiresAt = new Date(createdAt.getTime() + days * DAY_MS);
    await unitOfWork.run(async () => {
      keys.add({ id, userId, name: `key ${serial}`, prefix, scope, hash, createdAt, expiresAt });
    });
    return { id, key, prefix, hash, createdAt, expiresAt };
  }

  function caller(token: string): ApiKeyCaller {
    return new ApiKeyCaller({
      token,
      check: app.sessionCheck,
      prisma: app.prisma,
      clock: app.clock,
      throttle: app.throttle,
      clientIp: CLIENT_IP,
    });
  }

  it("the store adds, lists newest first without revoked keys, revokes one and revokes all", async () => {
    const first = await addKey(alice, { days: 1 });
    app.clock.advance(1000);
    const second = await addKey(alice, { scope: "full" });
    const bobs = await addKey(bob);

    expect(await store().keys.listOf(alice)).toEqual([
      {
        id: second.id,
        name: "key 2",
        prefix: second.prefix,
        scope: "full",
        createdAt: second.createdAt,
        lastUsedAt: null,
        expiresAt: second.expiresAt,
      },
      {
        id: first.id,
        name: "key 1",
        prefix: first.prefix,
        scope: "read",
        createdAt: first.createdAt,
        lastUsedAt: null,
        expiresAt: first.expiresAt,
      },
    ]);
    const row = await app.prisma.apiKey.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.keyHash).toBe(hashApiKey(first.key));
    expect(row.keyHash).toBe(first.hash);

    // revoke: only a live key of this user.
    expect(await store().keys.revoke(alice, bobs.id)).toBe(false);
    expect(await store().keys.revoke(alice, "no-such-key")).toBe(false);
    expect(await store().keys.revoke(alice, first.id)).toBe(true);
    expect(await store().keys.revoke(alice, first.id)).toBe(false);
    expect((await store().keys.listOf(alice)).map((k) => k.id)).toEqual([second.id]);
    expect((await app.prisma.apiKey.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBeNull();
    expect((await app.prisma.apiKey.findUniqueOrThrow({ where: { id: bobs.id } })).revokedAt).toBeNull();

    // revokeAllOf: a write of the unit of work, made when it commits; other users' keys stay.
    const third = await addKey(alice);
    const { keys, unitOfWork } = store();
    await unitOfWork.run(async () => keys.revokeAllOf(alice));
    expect(await store().keys.listOf(alice)).toEqual([]);
    expect(await app.prisma.apiKey.count({ where: { userId: alice, revokedAt: null } })).toBe(0);
    expect((await app.prisma.apiKey.findUniqueOrThrow({ where: { id: third.id } })).revokedAt).not.toBeNull();
    expect((await store().keys.listOf(bob)).map((k) => k.id)).toEqual([bobs.id]);
  });

  it("the key check finds a live key with its owner, and no revoked or unknown key", async () => {
    const live = await addKey(alice, { scope: "full" });
    const revoked = await addKey(alice);
    await store().keys.revoke(alice, revoked.id);

    expect(await app.sessionCheck.findApiKey(live.hash)).toEqual({
      keyId: live.id,
      scope: "full",
      expiresAt: live.expiresAt,
      lastUsedAt: null,
      owner: expect.objectContaining({ id: alice, username: "alice", role: "user", isActive: true }),
    });
    expect(await app.sessionCheck.findApiKey(revoked.hash)).toBeNull();
    expect(await app.sessionCheck.findApiKey(hashApiKey(generator.generate().key))).toBeNull();
    // The check reads the key's hash, never the key itself.
    expect(await app.sessionCheck.findApiKey(live.key)).toBeNull();
  });

  it("the caller is the owner of a live key; an expired key or a deactivated owner is no caller", async () => {
    const live = await addKey(alice, { scope: "full" });
    const expiring = await addKey(alice, { days: 1 });
    const bobs = await addKey(bob);

    expect(await caller(live.key).userId()).toBe(alice);
    expect(await caller(live.key).scope()).toBe("full");
    expect(await caller(expiring.key).userId()).toBe(alice);

    app.clock.advance(DAY_MS);
    expect(await caller(expiring.key).userId()).toBeNull();
    await expect(caller(expiring.key).scope()).rejects.toBeInstanceOf(NotAuthenticatedError);

    await app.prisma.user.update({ where: { id: bob }, data: { isActive: false } });
    expect(await caller(bobs.key).account()).toBeNull();
    expect(await caller(live.key).userId()).toBe(alice);
  });

  it("every invalid key counts against the client IP's budget; past it, RATE_LIMITED", async () => {
    const revoked = await addKey(alice);
    await store().keys.revoke(alice, revoked.id);
    const invalid = ["", "not a key", `ghk_${"A".repeat(43)}`, revoked.key];
    for (const token of invalid) expect(await caller(token).userId()).toBeNull();
    await expect(caller(`ghk_${"B".repeat(43)}`).userId()).rejects.toBeInstanceOf(RateLimitedError);
    const counted = await app.prisma.rateLimit.findMany();
    expect(counted.map((r) => r.points)).toEqual([MAX_PER_IP + 1]);
  });

  it("a valid key costs nothing of the budget and writes last used at most once a minute", async () => {
    const { id, key } = await addKey(alice);
    const lastUsed = async () => (await app.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;

    const firstUse = app.clock.now();
    expect(await caller(key).userId()).toBe(alice);
    const first = await lastUsed();
    expect(first!.getTime()).toBeGreaterThanOrEqual(firstUse.getTime());

    app.clock.advance(59_000);
    expect(await caller(key).userId()).toBe(alice);
    expect(await lastUsed()).toEqual(first);

    app.clock.advance(2_000); // 61 s after the first use
    const secondUse = app.clock.now();
    expect(await caller(key).userId()).toBe(alice);
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(secondUse.getTime());

    expect(await app.prisma.rateLimit.count()).toBe(0);
  });

  it("one caller checks its key once, however often it is asked", async () => {
    const { key } = await addKey(alice);
    const once = caller(key);
    await Promise.all([once.userId(), once.account(), once.scope()]);
    const wrong = caller("not a key");
    await Promise.all([wrong.userId(), wrong.account(), wrong.userId()]);
    // One invalid request: one point of the budget, not three.
    expect((await app.prisma.rateLimit.findMany()).map((r) => r.points)).toEqual([1]);
  });
});
