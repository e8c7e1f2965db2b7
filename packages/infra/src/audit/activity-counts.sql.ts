import type { ActivityCountCriteria } from "@gatehouse/core";
import { Prisma } from "../generated/sqlite/client";
import type { DatabaseProvider } from "../persistence/database-url";
import { timestampParameter } from "../persistence/timestamp-parameter";

/**
 * The bucket an event falls in, as the start of its UTC hour or day. SQLite stores times as
 * ISO-8601 text ("2026-03-10T14:25:00.000+00:00", see timestamp-parameter.ts), so the hour is
 * its first 13 characters and the day its first 10; PostgreSQL stores UTC `timestamp(3)`, which
 * `date_trunc` cuts. Either way the bucket is computed from the index's own column.
 */
function bucketExpression(provider: DatabaseProvider, bucket: ActivityCountCriteria["bucket"]): Prisma.Sql {
  if (provider === "postgresql")
    return bucket === "hour" ? Prisma.sql`date_trunc('hour', occurred_at)` : Prisma.sql`date_trunc('day', occurred_at)`;
  return bucket === "hour" ? Prisma.sql`substr(occurred_at, 1, 13)` : Prisma.sql`substr(occurred_at, 1, 10)`;
}

/**
 * One chart as one statement: the events of the counted types in [from, to), counted per type
 * and bucket. It reads only the (type, occurred_at) index: a range seek per type, no table rows.
 */
export function countActivitySql(provider: DatabaseProvider, criteria: ActivityCountCriteria): Prisma.Sql {
  const bucket = bucketExpression(provider, criteria.bucket);
  return Prisma.sql`
    SELECT type, ${bucket} AS "bucketStart", COUNT(*) AS count
    FROM audit_events
    WHERE type IN (${Prisma.join([...criteria.types])})
      AND occurred_at >= ${timestampParameter(criteria.from)} AND occurred_at < ${timestampParameter(criteria.to)}
    GROUP BY type, ${bucket}`;
}

/**
 * Sessions live at `now`: a range seek on the expires_at index (idle expiry, which Lucia
 * pushes forward on use), then the absolute lifetime, which is counted from created_at.
 */
export function countActiveSessionsSql(now: Date, bornAfter: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT COUNT(*) AS count FROM sessions
    WHERE expires_at > ${timestampParameter(now)} AND created_at > ${timestampParameter(bornAfter)}`;
}

/** Users per role and activity, read from the (role, is_active) index alone. */
export function countUsersByRoleSql(): Prisma.Sql {
  return Prisma.sql`SELECT role, is_active AS "isActive", COUNT(*) AS count FROM users GROUP BY role, is_active`;
}
