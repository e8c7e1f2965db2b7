import { ActivityOverviewQuery, type AuditEventType, type CurrentUser } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaActivityReader } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, type TestApp } from "./fixtures";

const NOW = new Date("2026-03-10T14:25:30.500Z");
const MAX_LIFETIME_MS = 86_400_000;
const at = (iso: string) => new Date(iso);

/** An admin as far as the query cares: authorization is the unit tests' business. */
const anAdmin = { get: async () => ({ role: "super_admin" }) } as unknown as CurrentUser;

describe.each(TEST_PROVIDERS)("the overview's counts on %s", (provider) => {
  let app: TestApp;
  let reader: PrismaActivityReader;
  let query: ActivityOverviewQuery;
  let nextId = 0;

  beforeEach(async () => {
    app = await createTestApp(provider);
    reader = new PrismaActivityReader(app.prisma, { provider, sessionMaxLifetimeMs: MAX_LIFETIME_MS });
    query = new ActivityOverviewQuery(anAdmin, reader, { now: () => NOW });
  });

  afterEach(async () => {
    await app.close();
  });

  async function seedEvents(events: Array<[AuditEventType, string]>): Promise<void> {
    await app.prisma.auditEvent.createMany({
      data: events.map(([type, iso]) => ({ id: `e${String(nextId++).padStart(6, "0")}`, type, occurredAt: at(iso) })),
    });
  }

  async function seedUser(role: string, isActive = true): Promise<string> {
    const id = `u${String(nextId++).padStart(6, "0")}`;
    await app.prisma.user.create({
      data: {
        id,
        username: id,
        usernameKey: id,
        passwordHash: "x",
        role,
        isActive,
        createdAt: NOW,
        updatedAt: NOW,
        version: 0,
      },
    });
    return id;
  }

  it("puts each event in its UTC hour and day, leaves the ones just outside out, and fills gaps with zeros", async () => {
    await seedEvents([
      ["user.signed_up", "2026-03-10T14:00:00.000Z"], // the current hour's first instant
      ["user.signed_up", "2026-03-10T14:25:30.000Z"],
      ["user.logged_in", "2026-03-10T13:59:59.999Z"], // the hour before
      ["user.logged_in", "2026-03-10T00:00:00.000Z"], // today's first instant
      ["user.login_failed", "2026-03-09T15:00:00.000Z"], // the first of the 24 hours
      ["user.login_failed", "2026-03-09T14:59:59.999Z"], // just before the 24 hours: yesterday only
      ["throttle.tripped", "2026-03-04T00:00:00.000Z"], // the first of the 7 days
      ["throttle.tripped", "2026-03-03T23:59:59.999Z"], // just before the 7 days: nowhere
      ["user.signed_up", "2026-03-11T00:00:00.000Z"], // after the ranges' end: nowhere
      ["user.logged_out", "2026-03-10T14:10:00.000Z"], // not a counted type
      ["user.created", "2026-03-10T14:10:00.000Z"], // not a counted type
    ]);

    const overview = await query.execute();

    const zero = { signUps: 0, logIns: 0, failedLogIns: 0, throttled: 0 };
    const expectedHours = Array.from({ length: 24 }, (_, index) => ({
      start: new Date(at("2026-03-09T15:00:00.000Z").getTime() + index * 3_600_000),
      ...zero,
    }));
    expectedHours[0] = { ...expectedHours[0]!, failedLogIns: 1 };
    expectedHours[9] = { ...expectedHours[9]!, logIns: 1 }; // 2026-03-10T00
    expectedHours[22] = { ...expectedHours[22]!, logIns: 1 }; // 13:00
    expectedHours[23] = { ...expectedHours[23]!, signUps: 2 }; // 14:00
    expect(overview.last24Hours).toEqual({
      bucket: "hour",
      start: at("2026-03-09T15:00:00.000Z"),
      end: at("2026-03-10T15:00:00.000Z"),
      buckets: expectedHours,
    });

    const day = (date: string, counts: Partial<typeof zero> = {}) => ({
      start: at(`${date}T00:00:00.000Z`),
      ...zero,
      ...counts,
    });
    expect(overview.last7Days).toEqual({
      bucket: "day",
      start: at("2026-03-04T00:00:00.000Z"),
      end: at("2026-03-11T00:00:00.000Z"),
      buckets: [
        day("2026-03-04", { throttled: 1 }),
        day("2026-03-05"),
        day("2026-03-06"),
        day("2026-03-07"),
        day("2026-03-08"),
        day("2026-03-09", { failedLogIns: 2 }),
        day("2026-03-10", { signUps: 2, logIns: 2 }),
      ],
    });
  });

  it("counts several events of a type in one bucket as one row of the statement", async () => {
    await seedEvents(Array.from({ length: 5 }, () => ["user.login_failed", "2026-03-10T09:30:00.000Z"] as const));
    const counts = await reader.countEvents({
      types: ["user.login_failed"],
      from: at("2026-03-10T00:00:00.000Z"),
      to: at("2026-03-11T00:00:00.000Z"),
      bucket: "hour",
    });
    expect(counts).toEqual([{ type: "user.login_failed", bucketStart: at("2026-03-10T09:00:00.000Z"), count: 5 }]);
  });

  it("counts only sessions before their idle expiry and within their absolute lifetime", async () => {
    const owner = await seedUser("user");
    const session = (name: string, expiresAt: Date, createdAt: Date) => ({
      id: `s-${name}`,
      publicId: `p-${name}`,
      userId: owner,
      expiresAt,
      createdAt,
      lastUsedAt: createdAt,
    });
    const ms = (offset: number) => new Date(NOW.getTime() + offset);
    await app.prisma.session.createMany({
      data: [
        session("live", ms(60_000), ms(-60_000)),
        session("live-too", ms(1), ms(-MAX_LIFETIME_MS + 1)),
        session("idle-now", ms(0), ms(-60_000)), // its idle expiry is this instant
        session("idle", ms(-1), ms(-60_000)),
        session("too-old", ms(60_000), ms(-MAX_LIFETIME_MS)), // at its absolute lifetime
      ],
    });
    expect(await reader.countActiveSessions(NOW)).toBe(2);
  });

  it("counts users by role and activity", async () => {
    await seedUser("super_admin");
    await seedUser("admin");
    await seedUser("admin", false);
    for (let i = 0; i < 3; i++) await seedUser("user");
    await seedUser("user", false);

    expect((await query.execute()).usersByRole).toEqual({
      super_admin: { active: 1, inactive: 0 },
      admin: { active: 1, inactive: 1 },
      user: { active: 3, inactive: 1 },
    });
  });
});
