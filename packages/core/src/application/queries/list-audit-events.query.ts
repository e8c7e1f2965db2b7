import { DomainValidationError } from "../../domain/errors/domain-error";
import { UserId } from "../../domain/user/user-id.value-object";
import { Username } from "../../domain/user/username.value-object";
import { AUDIT_EVENT_TYPES, type AuditEventType, type AuditEventView } from "../audit/audit-event";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import { decodeCursor, encodeCursor } from "../common/cursor-codec";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import type { AuditReader } from "../ports/audit-reader.port";

export interface ListAuditEventsRequest {
  limit?: number;
  cursor?: string | null;
  type?: string | null;
  actorId?: string | null;
  targetId?: string | null;
  /** The actor's username, as people type it (any case). */
  actorUsername?: string | null;
  targetUsername?: string | null;
  /** One user's history: events with this user as the actor or the target. */
  userId?: string | null;
  /** ISO 8601 date-time, inclusive. */
  from?: string | null;
  /** ISO 8601 date-time, exclusive. */
  to?: string | null;
}

export interface ListAuditEventsResponse {
  items: AuditEventView[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/** Admins read the audit log, newest first, a keyset page at a time. */
export class ListAuditEventsQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly reader: AuditReader,
  ) {}

  async execute(request: ListAuditEventsRequest = {}): Promise<ListAuditEventsResponse> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const criteria = validateFields({
      limit: () => parseLimit(request.limit),
      cursor: () => (request.cursor ? parseCursor(request.cursor) : null),
      type: () => (request.type ? parseType(request.type) : null),
      actorId: () => (request.actorId ? UserId.create(request.actorId) : null),
      targetId: () => (request.targetId ? UserId.create(request.targetId) : null),
      actorUsername: () => (request.actorUsername ? Username.create(request.actorUsername).key : null),
      targetUsername: () => (request.targetUsername ? Username.create(request.targetUsername).key : null),
      userId: () => (request.userId ? UserId.create(request.userId) : null),
      from: () => (request.from ? parseDate(request.from) : null),
      to: () => (request.to ? parseDate(request.to) : null),
    });
    const { actorUsername, targetUsername, userId, cursor, ...rest } = criteria;
    const rows = await this.reader.listEvents({
      ...rest,
      actorUsernameKey: actorUsername,
      targetUsernameKey: targetUsername,
      involvedUserId: userId,
      after: cursor,
      limit: criteria.limit + 1,
    });
    const items = rows.slice(0, criteria.limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > criteria.limit && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null;
    return { items, nextCursor };
  }
}

function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new DomainValidationError(`Limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return limit;
}

function parseType(type: string): AuditEventType {
  if (!(AUDIT_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new DomainValidationError(`Type must be one of ${AUDIT_EVENT_TYPES.join(", ")}.`);
  }
  return type as AuditEventType;
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d\d-\d\d(T|$)/.test(value) || Number.isNaN(date.getTime())) {
    throw new DomainValidationError("Must be an ISO 8601 date or date-time, such as 2026-01-31T12:00:00Z.");
  }
  return date;
}

function parseCursor(cursor: string): { occurredAt: Date; id: string } {
  const parts = decodeCursor(cursor, 2);
  const occurredAt = new Date(parts?.[0] ?? Number.NaN);
  if (!parts || Number.isNaN(occurredAt.getTime()) || occurredAt.toISOString() !== parts[0]) {
    throw new DomainValidationError("Cursor is not valid for this list; start again from the first page.");
  }
  return { occurredAt, id: parts[1]! };
}
