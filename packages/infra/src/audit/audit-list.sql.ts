import type { AuditCriteria } from "@gatehouse/core";
import { Prisma } from "../generated/sqlite/client";
import { timestampParameter } from "../persistence/timestamp-parameter";

/**
 * One page of the audit log as one statement: the events, newest first by the keyset
 * (occurred_at, id), each with its actor's and target's usernames joined by primary key, so
 * a page of names costs no query per row. Each filter is on an indexed column: a username
 * becomes its user's id (the unique username_key index) before the events are read through
 * (actor_id, occurred_at) or (target_id, occurred_at); a user's history reads both.
 * Every value is a bound parameter.
 */
export function listAuditEventsSql(criteria: AuditCriteria): Prisma.Sql {
  const idOf = (usernameKey: string) => Prisma.sql`(SELECT id FROM users WHERE username_key = ${usernameKey})`;
  const conditions: Prisma.Sql[] = [];
  if (criteria.type) conditions.push(Prisma.sql`e.type = ${criteria.type}`);
  if (criteria.actorId) conditions.push(Prisma.sql`e.actor_id = ${criteria.actorId}`);
  if (criteria.targetId) conditions.push(Prisma.sql`e.target_id = ${criteria.targetId}`);
  if (criteria.actorUsernameKey) conditions.push(Prisma.sql`e.actor_id = ${idOf(criteria.actorUsernameKey)}`);
  if (criteria.targetUsernameKey) conditions.push(Prisma.sql`e.target_id = ${idOf(criteria.targetUsernameKey)}`);
  if (criteria.involvedUserId) {
    const id = criteria.involvedUserId;
    conditions.push(Prisma.sql`(e.actor_id = ${id} OR e.target_id = ${id})`);
  }
  if (criteria.from) conditions.push(Prisma.sql`e.occurred_at >= ${timestampParameter(criteria.from)}`);
  if (criteria.to) conditions.push(Prisma.sql`e.occurred_at < ${timestampParameter(criteria.to)}`);
  if (criteria.after) {
    const { occurredAt, id } = criteria.after;
    conditions.push(Prisma.sql`(e.occurred_at, e.id) < (${timestampParameter(occurredAt)}, ${id})`);
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return Prisma.sql`
    SELECT e.id, e.occurred_at AS "occurredAt", e.type, e.actor_id AS "actorId", actor.username AS "actorUsername",
           e.target_id AS "targetId", target.username AS "targetUsername", e.attempted_username AS "attemptedUsername",
           e.method, e.client_ip AS "clientIp", e.request_id AS "requestId"
    FROM audit_events e
    LEFT JOIN users actor ON actor.id = e.actor_id
    LEFT JOIN users target ON target.id = e.target_id
    ${where}
    ORDER BY e.occurred_at DESC, e.id DESC
    LIMIT ${criteria.limit}`;
}
