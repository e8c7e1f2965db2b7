import type { AuditCriteria, AuditEventType, AuditEventView, AuditReader, LogInMethod } from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { listAuditEventsSql } from "./audit-list.sql";

/** A row as the statement returns it: SQLite gives dates as ISO-8601 text, PostgreSQL as Dates. */
type AuditRow = Omit<AuditEventView, "occurredAt" | "type" | "method"> & {
  occurredAt: Date | string;
  type: string;
  method: string | null;
};

/** Newest first, keyset on (occurred_at, id), filters on indexed columns, names joined (audit-list.sql.ts). */
export class PrismaAuditReader implements AuditReader {
  constructor(private readonly prisma: PrismaClient) {}

  async listEvents(criteria: AuditCriteria): Promise<AuditEventView[]> {
    const rows = await withDatabaseErrors(() => this.prisma.$queryRaw<AuditRow[]>(listAuditEventsSql(criteria)));
    return rows.map((row) => ({
      ...row,
      occurredAt: new Date(row.occurredAt),
      type: row.type as AuditEventType,
      method: row.method as LogInMethod | null,
    }));
  }
}
