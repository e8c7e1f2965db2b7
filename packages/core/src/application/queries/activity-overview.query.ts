import type { Clock } from "../../domain/ports/clock.port";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import type { AuditEventType } from "../audit/audit-event";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import type { ActivityBucketSize, ActivityCount, ActivityReader } from "../ports/activity-reader.port";

/** The audit event types the overview counts, by the name each count goes by. */
const COUNTED_EVENTS = {
  signUps: "user.signed_up",
  logIns: "user.logged_in",
  failedLogIns: "user.login_failed",
  throttled: "throttle.tripped",
} as const satisfies Record<string, AuditEventType>;

export type ActivityMeasure = keyof typeof COUNTED_EVENTS;
export const ACTIVITY_MEASURES = Object.keys(COUNTED_EVENTS) as ActivityMeasure[];

/** One bar of a chart: the counts of events that happened in [start, start + one bucket). */
export type ActivityBucket = { start: Date } & Record<ActivityMeasure, number>;

/** A chart: consecutive buckets from `start` (inclusive) to `end` (exclusive), the last holding now. */
export interface ActivitySeries {
  bucket: ActivityBucketSize;
  start: Date;
  end: Date;
  buckets: ActivityBucket[];
}

export interface RoleHeadcount {
  active: number;
  inactive: number;
}

export interface ActivityOverview {
  /** The instant the numbers were read (the app's clock). */
  generatedAt: Date;
  /** 24 UTC hours, the last one the current hour. */
  last24Hours: ActivitySeries;
  /** 7 UTC days, the last one today. */
  last7Days: ActivitySeries;
  activeSessions: number;
  usersByRole: Record<UserRole, RoleHeadcount>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Admins' dashboard: recent sign-ups, log-ins, failures and throttling, live sessions, users by role. */
export class ActivityOverviewQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly reader: ActivityReader,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<ActivityOverview> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const now = this.clock.now();
    const [last24Hours, last7Days, activeSessions, roleCounts] = await Promise.all([
      this.series(now, "hour", 24),
      this.series(now, "day", 7),
      this.reader.countActiveSessions(now),
      this.reader.countUsersByRole(),
    ]);
    const usersByRole = Object.fromEntries(USER_ROLES.map((role) => [role, { active: 0, inactive: 0 }])) as Record<
      UserRole,
      RoleHeadcount
    >;
    for (const { role, isActive, count } of roleCounts) {
      // A role the code no longer knows is not shown (the schema stores roles as text).
      if (role in usersByRole) usersByRole[role][isActive ? "active" : "inactive"] += count;
    }
    return { generatedAt: now, last24Hours, last7Days, activeSessions, usersByRole };
  }

  /** `count` whole UTC buckets ending with the one that holds `now`, empty ones as zeros. */
  private async series(now: Date, bucket: ActivityBucketSize, count: number): Promise<ActivitySeries> {
    const width = bucket === "hour" ? HOUR_MS : DAY_MS;
    // Epoch milliseconds have no leap seconds, so UTC hours and days are whole multiples.
    const current = Math.floor(now.getTime() / width) * width;
    const start = new Date(current - (count - 1) * width);
    const end = new Date(current + width);
    const types = Object.values(COUNTED_EVENTS);
    const counts = await this.reader.countEvents({ types, from: start, to: end, bucket });
    const buckets = Array.from({ length: count }, (_, index) => emptyBucket(new Date(start.getTime() + index * width)));
    for (const row of counts) addCount(buckets, row, start, width);
    return { bucket, start, end, buckets };
  }
}

function emptyBucket(start: Date): ActivityBucket {
  return { start, signUps: 0, logIns: 0, failedLogIns: 0, throttled: 0 };
}

function addCount(buckets: ActivityBucket[], row: ActivityCount, start: Date, width: number): void {
  const index = Math.floor((row.bucketStart.getTime() - start.getTime()) / width);
  const measure = ACTIVITY_MEASURES.find((name) => COUNTED_EVENTS[name] === row.type);
  const target = buckets[index];
  if (target && measure) target[measure] += row.count;
}
