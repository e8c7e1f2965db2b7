import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";
import type { AuditEventType } from "../audit/audit-event";
import { CurrentUser } from "../common/current-user";
import type { ActivityCountCriteria, ActivityReader, RoleCount } from "../ports/activity-reader.port";
import { ActivityOverviewQuery } from "./activity-overview.query";

/** Events at given times, bucketed as the SQL does (UTC hour or day of each event). */
class InMemoryActivity implements ActivityReader {
  events: Array<{ type: AuditEventType; at: Date }> = [];
  sessions: Array<{ expiresAt: Date; bornAt: Date }> = [];
  roles: RoleCount[] = [];
  maxLifetimeMs = 86_400_000;
  asked: ActivityCountCriteria[] = [];

  async countEvents(criteria: ActivityCountCriteria) {
    this.asked.push(criteria);
    const width = criteria.bucket === "hour" ? 3_600_000 : 86_400_000;
    const counts = new Map<string, { type: AuditEventType; bucketStart: Date; count: number }>();
    for (const { type, at } of this.events) {
      if (!criteria.types.includes(type) || at < criteria.from || at >= criteria.to) continue;
      const bucketStart = new Date(Math.floor(at.getTime() / width) * width);
      const key = `${type} ${bucketStart.toISOString()}`;
      const row = counts.get(key) ?? { type, bucketStart, count: 0 };
      row.count += 1;
      counts.set(key, row);
    }
    return [...counts.values()];
  }

  async countActiveSessions(now: Date) {
    return this.sessions.filter((s) => s.expiresAt > now && now.getTime() - s.bornAt.getTime() < this.maxLifetimeMs)
      .length;
  }

  async countUsersByRole() {
    return this.roles;
  }
}

let world: World;
let reader: InMemoryActivity;
let query: ActivityOverviewQuery;
let root: User;
let admin: User;
let user: User;

beforeEach(() => {
  world = createWorld();
  root = world.seed("root.admin", "super_admin");
  admin = world.seed("an.admin", "admin");
  user = world.seed("a.user", "user");
  reader = new InMemoryActivity();
  query = new ActivityOverviewQuery(new CurrentUser(world.identity, world.store), reader, world.clock);
  world.clock.current = new Date("2026-03-10T14:25:00.000Z");
});

const at = (iso: string) => new Date(iso);

describe("who may read the overview", () => {
  it("lets admins and the super admin read it", async () => {
    for (const actor of [root, admin]) {
      world.actAs(actor);
      await expect(query.execute()).resolves.toMatchObject({ activeSessions: 0 });
    }
  });

  it("refuses a user with PERMISSION_DENIED and nobody with NOT_AUTHENTICATED, before reading anything", async () => {
    world.actAs(user);
    await expect(query.execute()).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
    world.actAs(null);
    await expect(query.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(reader.asked).toEqual([]);
  });
});

describe("the activity charts", () => {
  beforeEach(() => world.actAs(root));

  it("has 24 hourly buckets ending with the current hour and 7 daily buckets ending today, in UTC", async () => {
    const overview = await query.execute();
    expect(overview.generatedAt).toEqual(at("2026-03-10T14:25:00.000Z"));
    expect(overview.last24Hours.bucket).toBe("hour");
    expect(overview.last24Hours.start).toEqual(at("2026-03-09T15:00:00.000Z"));
    expect(overview.last24Hours.end).toEqual(at("2026-03-10T15:00:00.000Z"));
    expect(overview.last24Hours.buckets).toHaveLength(24);
    expect(overview.last24Hours.buckets[0]!.start).toEqual(at("2026-03-09T15:00:00.000Z"));
    expect(overview.last24Hours.buckets[23]!.start).toEqual(at("2026-03-10T14:00:00.000Z"));
    expect(overview.last7Days.bucket).toBe("day");
    expect(overview.last7Days.start).toEqual(at("2026-03-04T00:00:00.000Z"));
    expect(overview.last7Days.end).toEqual(at("2026-03-11T00:00:00.000Z"));
    expect(overview.last7Days.buckets.map((b) => b.start.toISOString().slice(0, 10))).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    const zero = { signUps: 0, logIns: 0, failedLogIns: 0, throttled: 0 };
    for (const bucket of [...overview.last24Hours.buckets, ...overview.last7Days.buckets]) {
      expect(bucket).toMatchObject(zero);
    }
  });

  it("asks for the four counted types over each range, and puts each count in its bucket", async () => {
    reader.events = [
      { type: "user.signed_up", at: at("2026-03-10T14:00:00.000Z") }, // current hour, its first instant
      { type: "user.signed_up", at: at("2026-03-10T14:24:59.999Z") },
      { type: "user.logged_in", at: at("2026-03-10T13:59:59.999Z") },
      { type: "user.login_failed", at: at("2026-03-09T15:00:00.000Z") }, // the first hour
      { type: "user.login_failed", at: at("2026-03-09T14:59:59.999Z") }, // an hour too old; yesterday
      { type: "throttle.tripped", at: at("2026-03-04T00:00:00.000Z") }, // the first day
      { type: "throttle.tripped", at: at("2026-03-03T23:59:59.999Z") }, // a day too old
      { type: "user.logged_out", at: at("2026-03-10T14:10:00.000Z") }, // not counted
    ];
    const overview = await query.execute();

    expect(reader.asked.map((c) => [c.bucket, c.from.toISOString(), c.to.toISOString(), [...c.types].sort()])).toEqual(
      expect.arrayContaining([
        [
          "hour",
          "2026-03-09T15:00:00.000Z",
          "2026-03-10T15:00:00.000Z",
          ["throttle.tripped", "user.logged_in", "user.login_failed", "user.signed_up"],
        ],
        [
          "day",
          "2026-03-04T00:00:00.000Z",
          "2026-03-11T00:00:00.000Z",
          ["throttle.tripped", "user.logged_in", "user.login_failed", "user.signed_up"],
        ],
      ]),
    );
    const hours = overview.last24Hours.buckets;
    expect(hours[23]).toMatchObject({ signUps: 2, logIns: 0, failedLogIns: 0, throttled: 0 });
    expect(hours[22]).toMatchObject({ signUps: 0, logIns: 1, failedLogIns: 0, throttled: 0 });
    expect(hours[0]).toMatchObject({ signUps: 0, logIns: 0, failedLogIns: 1, throttled: 0 });
    expect(hours.reduce((sum, b) => sum + b.signUps + b.logIns + b.failedLogIns + b.throttled, 0)).toBe(4);
    const days = overview.last7Days.buckets;
    expect(days[6]).toMatchObject({ signUps: 2, logIns: 1, failedLogIns: 0, throttled: 0 });
    expect(days[5]).toMatchObject({ signUps: 0, logIns: 0, failedLogIns: 2, throttled: 0 });
    expect(days[0]).toMatchObject({ signUps: 0, logIns: 0, failedLogIns: 0, throttled: 1 });
  });
});

describe("sessions and users", () => {
  beforeEach(() => world.actAs(admin));

  it("counts sessions live at the clock's now", async () => {
    const now = world.clock.now().getTime();
    reader.sessions = [
      { expiresAt: new Date(now + 1000), bornAt: new Date(now - 1000) },
      { expiresAt: new Date(now), bornAt: new Date(now - 1000) }, // idle-expired this instant
      { expiresAt: new Date(now + 1000), bornAt: new Date(now - reader.maxLifetimeMs) }, // too old
    ];
    expect((await query.execute()).activeSessions).toBe(1);
  });

  it("gives every role, active and inactive, zeros included", async () => {
    reader.roles = [
      { role: "user", isActive: true, count: 40 },
      { role: "user", isActive: false, count: 3 },
      { role: "super_admin", isActive: true, count: 1 },
    ];
    expect((await query.execute()).usersByRole).toEqual({
      super_admin: { active: 1, inactive: 0 },
      admin: { active: 0, inactive: 0 },
      user: { active: 40, inactive: 3 },
    });
  });

  it("leaves out what the code does not know: a role it has no name for, counts outside the range or of other types", async () => {
    reader.roles = [
      { role: "auditor" as never, isActive: true, count: 9 },
      { role: "admin", isActive: true, count: 2 },
    ];
    reader.countEvents = async () => [
      { type: "user.created", bucketStart: new Date("2026-03-10T14:00:00.000Z"), count: 7 },
      { type: "user.logged_in", bucketStart: new Date("2026-03-01T00:00:00.000Z"), count: 7 },
      { type: "user.logged_in", bucketStart: new Date("2026-03-10T14:00:00.000Z"), count: 2 },
    ];
    const overview = await query.execute();
    expect(overview.usersByRole).toEqual({
      super_admin: { active: 0, inactive: 0 },
      admin: { active: 2, inactive: 0 },
      user: { active: 0, inactive: 0 },
    });
    const sum = (series: typeof overview.last24Hours) =>
      series.buckets.reduce((total, b) => total + b.signUps + b.logIns + b.failedLogIns + b.throttled, 0);
    expect(sum(overview.last24Hours)).toBe(2);
    expect(sum(overview.last7Days)).toBe(2);
    expect(overview.last24Hours.buckets[23]!.logIns).toBe(2);
  });
});
