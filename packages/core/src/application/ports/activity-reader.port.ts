import type { UserRole } from "../../domain/user/user-role";
import type { AuditEventType } from "../audit/audit-event";

/** How wide one bar of an activity chart is: a UTC hour or a UTC day. */
export type ActivityBucketSize = "hour" | "day";

/** Events of these types in [from, to), counted per UTC hour or day. */
export interface ActivityCountCriteria {
  types: readonly AuditEventType[];
  from: Date;
  to: Date;
  bucket: ActivityBucketSize;
}

/** How many events of one type started in the bucket beginning at `bucketStart`. */
export interface ActivityCount {
  type: AuditEventType;
  bucketStart: Date;
  count: number;
}

/** How many users hold a role, active or not. */
export interface RoleCount {
  role: UserRole;
  isActive: boolean;
  count: number;
}

/** Aggregates for the admin overview: counts only, never rows. */
export interface ActivityReader {
  /** Non-empty buckets only; the caller fills the gaps with zeros. */
  countEvents(criteria: ActivityCountCriteria): Promise<ActivityCount[]>;
  /** Sessions live at `now`: before their idle expiry and within their absolute lifetime. */
  countActiveSessions(now: Date): Promise<number>;
  /** Users per (role, active); absent pairs have none. */
  countUsersByRole(): Promise<RoleCount[]>;
}
