import type {
  ActivityCount,
  ActivityCountCriteria,
  ActivityReader,
  AuditEventType,
  RoleCount,
  UserRole,
} from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import type { DatabaseProvider } from "../persistence/database-url";
import { countActiveSessionsSql, countActivitySql, countUsersByRoleSql } from "./activity-counts.sql";

/** COUNT(*) comes back as a number on SQLite and a bigint on PostgreSQL. */
type Count = number | bigint;

export interface ActivityReaderOptions {
  provider: DatabaseProvider;
  /** A session's absolute lifetime (SESSION_MAX_TTL): older sessions are dead whatever their idle expiry. */
  sessionMaxLifetimeMs: number;
}

/** The admin overview's counts, each one aggregate statement over an index (activity-counts.sql.ts). */
export class PrismaActivityReader implements ActivityReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ActivityReaderOptions,
  ) {}

  async countEvents(criteria: ActivityCountCriteria): Promise<ActivityCount[]> {
    const rows = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ type: string; bucketStart: string | Date; count: Count }>>(
        countActivitySql(this.options.provider, criteria),
      ),
    );
    return rows.map((row) => ({
      type: row.type as AuditEventType,
      bucketStart: bucketStart(row.bucketStart),
      count: Number(row.count),
    }));
  }

  async countActiveSessions(now: Date): Promise<number> {
    const bornAfter = new Date(now.getTime() - this.options.sessionMaxLifetimeMs);
    const [row] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ count: Count }>>(countActiveSessionsSql(now, bornAfter)),
    );
    return Number(row?.count ?? 0);
  }

  async countUsersByRole(): Promise<RoleCount[]> {
    const rows = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ role: string; isActive: boolean | number | bigint; count: Count }>>(
        countUsersByRoleSql(),
      ),
    );
    return rows.map((row) => ({
      role: row.role as UserRole,
      isActive: Boolean(row.isActive),
      count: Number(row.count),
    }));
  }
}

/** SQLite gives the bucket as text cut from the ISO time ("2026-03-10T14" or "2026-03-10"), PostgreSQL as a Date. */
function bucketStart(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : `${value}:00:00.000Z`);
}
