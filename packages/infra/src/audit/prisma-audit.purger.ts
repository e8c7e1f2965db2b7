import type { AuditPurger } from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Deletes old events in one statement, on the (occurred_at) index. */
export class PrismaAuditPurger implements AuditPurger {
  constructor(private readonly prisma: PrismaClient) {}

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const { count } = await withDatabaseErrors(() =>
      this.prisma.auditEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } }),
    );
    return count;
  }
}
