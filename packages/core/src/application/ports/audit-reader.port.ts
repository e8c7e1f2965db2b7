import type { AuditEventType, AuditEventView } from "../audit/audit-event";

export interface AuditCriteria {
  type: AuditEventType | null;
  actorId: string | null;
  targetId: string | null;
  /** Events whose actor has this username key (lower-cased). */
  actorUsernameKey: string | null;
  targetUsernameKey: string | null;
  /** Events about this user at all: as the actor or as the target (a user's history). */
  involvedUserId: string | null;
  /** Inclusive lower bound on the time. */
  from: Date | null;
  /** Exclusive upper bound on the time. */
  to: Date | null;
  /** Continue strictly after (older than) this event, newest first. */
  after: { occurredAt: Date; id: string } | null;
  limit: number;
}

export interface AuditReader {
  /** Events matching the criteria, newest first (time, then id, descending). */
  listEvents(criteria: AuditCriteria): Promise<AuditEventView[]>;
}
