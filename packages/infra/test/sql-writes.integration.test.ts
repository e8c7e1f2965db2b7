// The log-in path writes sessions, audit events and throttle counters with hand-written SQL
// (and reads users with it), while the rest of the code reads and filters those rows with
// Prisma's ORM. These tests hold the two to the same stored representation on each database.
import { Username, type UserId } from "@gatehouse/core";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { hashSessionToken, type PrismaClient } from "../src/index";
import type { DatabaseProvider } from "../src/persistence/database-url";
import { userToDomain } from "../src/persistence/user.mapper";
import { RateLimiterSqlStore } from "../src/throttle/rate-limiter-sql.store";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

/**
 * Each column of one row as the database stores it: SQLite's storage class and literal
 * (`text:'2025-03-04T05:06:07.089+00:00'`), PostgreSQL's type and text form.
 */
async function storedForms(
  prisma: PrismaClient,
  provider: DatabaseProvider,
  table: string,
  key: { column: string; value: string },
  columns: readonly string[],
): Promise<Record<string, string>> {
  const form = (column: string) =>
    provider === "sqlite"
      ? `typeof("${column}") || ':' || quote("${column}") AS "${column}"`
      : `pg_typeof("${column}")::text || ':' || coalesce("${column}"::text, 'NULL') AS "${column}"`;
  const placeholder = provider === "sqlite" ? "?" : "$1";
  const rows = await prisma.$queryRawUnsafe<Record<string, string>[]>(
    `SELECT ${columns.map(form).join(", ")} FROM "${table}" WHERE "${key.column}" = ${placeholder}`,
    key.value,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** An ORM-written copy has the same stored form, column by column, as the SQL-written row. */
async function expectStoredLikeOrm(
  app: TestApp,
  table: string,
  keyColumn: string,
  sqlKey: string,
  ormKey: string,
  columns: readonly string[],
) {
  const read = (value: string) =>
    storedForms(app.prisma, app.database.provider, table, { column: keyColumn, value }, columns);
  expect(await read(sqlKey)).toEqual(await read(ormKey));
}

describe.each(TEST_PROVIDERS)("rows written by SQL on %s", (provider) => {
  let app: TestApp;
  let userId: UserId;

  beforeEach(async () => {
    app = await createTestApp(provider);
    ({ id: userId } = await app.request().signUp.execute({ username: "Alice", password: "correct horse" }));
  });

  afterEach(async () => {
    await app.close();
  });

  it("stores a session as the ORM would, and the ORM reads it back exactly", async () => {
    const session = await app.lucia.createSession(userId, {
      ipAddress: "198.51.100.7",
      userAgent: "Round Trip/1.0",
      userVersion: 0,
    });
    const id = hashSessionToken(session.id);
    const row = await app.prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row).toEqual({
      id,
      publicId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      userId,
      expiresAt: session.expiresAt,
      createdAt: expect.any(Date),
      lastUsedAt: row.createdAt,
      ipAddress: "198.51.100.7",
      userAgent: "Round Trip/1.0",
    });

    await app.prisma.session.create({ data: { ...row, id: "orm-written", publicId: "orm-public-id" } });
    await expectStoredLikeOrm(app, "sessions", "id", id, "orm-written", [
      "user_id",
      "expires_at",
      "created_at",
      "last_used_at",
      "ip_address",
      "user_agent",
    ]);
    // The ORM's date filters see the SQL-written dates: the purge keeps the live session.
    await app.lucia.deleteExpiredSessions();
    expect(await app.prisma.session.count({ where: { id } })).toBe(1);
  });

  it("stores a session without client details as NULLs", async () => {
    const session = await app.lucia.createSession(userId, { userVersion: 0 });
    const id = hashSessionToken(session.id);
    const row = await app.prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ ipAddress: null, userAgent: null });
    await app.prisma.session.create({ data: { ...row, id: "orm-written", publicId: "orm-public-id" } });
    await expectStoredLikeOrm(app, "sessions", "id", id, "orm-written", ["ip_address", "user_agent"]);
  });

  it("stores an audit event as the ORM would, with and without its optional fields (the username tried, the log-in method)", async () => {
    const { audit } = app.request(undefined, "203.0.113.9");
    await audit.recordNow({
      type: "user.login_failed",
      actorId: null,
      targetId: userId,
      attemptedUsername: "alice",
      method: "password",
    });
    await audit.recordNow({ type: "user.logged_in", actorId: userId, targetId: userId });
    const events = await app.prisma.auditEvent.findMany({
      where: { type: { in: ["user.login_failed", "user.logged_in"] } },
    });
    expect(events).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          occurredAt: expect.any(Date),
          type: "user.login_failed",
          actorId: null,
          targetId: userId,
          attemptedUsername: "alice",
          method: "password",
          clientIp: "203.0.113.9",
          requestId: "test-request",
        },
        expect.objectContaining({ type: "user.logged_in", actorId: userId, attemptedUsername: null, method: null }),
      ]),
    );
    for (const event of events) {
      await app.prisma.auditEvent.create({ data: { ...event, id: `orm-${event.id}` } });
      await expectStoredLikeOrm(app, "audit_events", "id", event.id, `orm-${event.id}`, [
        "occurred_at",
        "type",
        "actor_id",
        "target_id",
        "attempted_username",
        "method",
        "client_ip",
        "request_id",
      ]);
    }
    // The ORM's time filter finds them.
    expect(
      await app.prisma.auditEvent.count({
        where: { occurredAt: { gte: events[0]!.occurredAt }, id: { in: events.map((e) => e.id) } },
      }),
    ).toBeGreaterThan(0);
  });

  it("reads a user by username exactly as the ORM does", async () => {
    const viaSql = await app.request().users.readByUsername(Username.create("ALICE"));
    const row = await app.prisma.user.findUniqueOrThrow({ where: { usernameKey: "alice" } });
    expect(viaSql).toEqual(userToDomain(row));
    expect(viaSql!.isActive).toBe(true);
    await app.prisma.user.update({ where: { id: userId }, data: { isActive: false } });
    expect((await app.request().users.readByUsername(Username.create("alice")))!.isActive).toBe(false);
    expect(await app.request().users.readByUsername(Username.create("nobody"))).toBeNull();
  });

  it("stores a throttle counter as the ORM would; the ORM and the SQL store agree on what has expired", async () => {
    const store = new RateLimiterSqlStore(app.prisma, { keyPrefix: "t", points: 5, duration: 60 });
    await store.consume("live", 2);
    const live = await app.prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:live" } });
    expect(live).toEqual({ key: "t:live", points: 2, expire: expect.any(Date) });
    await app.prisma.rateLimit.create({ data: { ...live, key: "orm-written" } });
    await expectStoredLikeOrm(app, "rate_limits", "key", "t:live", "orm-written", ["points", "expire"]);

    // A counter that never expires (duration 0) is stored with a NULL expiry, as the ORM stores it.
    const forever = new RateLimiterSqlStore(app.prisma, { keyPrefix: "t", points: 5, duration: 0 });
    await forever.consume("forever");
    expect((await forever.consume("forever")).msBeforeNext).toBe(-1);
    await app.prisma.rateLimit.create({ data: { key: "orm-forever", points: 2, expire: null } });
    await expectStoredLikeOrm(app, "rate_limits", "key", "t:forever", "orm-forever", ["points", "expire"]);

    // An ORM-written expired counter starts a new window in the SQL store...
    await app.prisma.rateLimit.create({ data: { key: "t:stale", points: 99, expire: new Date(Date.now() - 1_000) } });
    expect(await store.get("stale")).toBeNull();
    const fresh = await store.consume("stale");
    expect(fresh.consumedPoints).toBe(1);
    expect(fresh.msBeforeNext).toBeGreaterThan(59_000);
    // ...and an SQL-written expired one is purged by the ORM's date filter.
    await store.set("gone", 3, 0.001);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await app.throttle.purgeExpired(app.prisma);
    expect(await app.prisma.rateLimit.count({ where: { key: "t:gone" } })).toBe(0);
    expect(await app.prisma.rateLimit.count({ where: { key: "t:live" } })).toBe(1);
  });
});

describe.each(TEST_PROVIDERS)("the SQL throttle store on %s", (provider) => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp(provider);
  });

  afterEach(async () => {
    await app.close();
  });

  /** What a RateLimiterRes says, with the time left rounded to the second. */
  const summary = (res: unknown) =>
    res instanceof RateLimiterRes
      ? {
          consumed: res.consumedPoints,
          remaining: res.remainingPoints,
          first: res.isFirstInDuration,
          seconds: res.msBeforeNext < 0 ? -1 : Math.ceil(res.msBeforeNext / 1000),
        }
      : res;

  const settle = <T>(promise: Promise<T>) =>
    promise.then(
      (res) => ({ ok: summary(res) }),
      (res: unknown) => ({ rejected: summary(res) }),
    );

  it("answers every operation as rate-limiter-flexible's Prisma store does", async () => {
    // Both stores read Date (theirs inside the library): with only Date faked, time stands
    // still between operations and moves when the script says so, never with the machine's load.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
    const options = { points: 3, duration: 1 };
    const ours = new RateLimiterSqlStore(app.prisma, { ...options, keyPrefix: "sql" });
    const theirs = new RateLimiterPrisma({
      ...options,
      keyPrefix: "orm",
      storeClient: app.prisma,
      tableName: "rateLimit",
      clearExpiredByTimeout: false,
    });
    const script = async (limiter: RateLimiterSqlStore | RateLimiterPrisma) => [
      await settle(limiter.get("k")),
      await settle(limiter.consume("k")),
      await settle(limiter.consume("k", 2)),
      await settle(limiter.consume("k")), // over budget: rejected with the time to wait
      await settle(limiter.reward("k", 2)),
      await settle(limiter.penalty("k", 1)),
      await settle(limiter.get("k")),
      await settle(limiter.delete("k")),
      await settle(limiter.delete("k")),
      await settle(limiter.consume("k")),
      await settle(limiter.set("k", 2, 1)),
      await settle(limiter.get("k")),
      await settle(limiter.block("k", 1)),
      await settle(limiter.consume("k")),
      vi.advanceTimersByTime(1_100) && undefined, // the window ends
      await settle(limiter.get("k")),
      await settle(limiter.consume("k", 2)), // a new window
      await settle(limiter.get("k")),
    ];
    const [ourAnswers, theirAnswers] = [await script(ours), await script(theirs)];
    expect(ourAnswers).toEqual(theirAnswers);
    // Both leave the same counter behind.
    const row = (key: string) => app.prisma.rateLimit.findUniqueOrThrow({ where: { key }, select: { points: true } });
    expect(await row("sql:k")).toEqual(await row("orm:k"));
  });

  it("counts every one of many concurrent attempts", async () => {
    const store = new RateLimiterSqlStore(app.prisma, { keyPrefix: "c", points: 1000, duration: 60 });
    const results = await Promise.all(Array.from({ length: 40 }, () => store.consume("k")));
    expect(results.map((res) => res.consumedPoints).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(results.filter((res) => res.isFirstInDuration)).toHaveLength(1);
    expect((await app.prisma.rateLimit.findUniqueOrThrow({ where: { key: "c:k" } })).points).toBe(40);
  });
});
