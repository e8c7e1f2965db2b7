import type { AuditCriteria, AuditEventType, AuditEventView, AuditReader } from "@gatehouse/core";
import type { Prisma, PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Newest first, keyset on (occurred_at, id), filters on indexed columns. */
export class PrismaAuditReader implements AuditReader {
  constructor(private readonly prisma: PrismaClient) {}

  async listEvents(criteria: AuditCriteria): Promise<AuditEventView[]> {
    const where: Prisma.AuditEventWhereInput[] = [];
    if (criteria.type) where.push({ type: criteria.type });
    if (criteria.actorId) where.push({ actorId: criteria.actorId });
    if (criteria.targetId) where.push({ targetId: criteria.targetId });
    if (criteria.from) where.push({ occurredAt: { gte: criteria.from } });
    if (criteria.to) where.push({ occurredAt: { lt: criteria.to } });
    if (criteria.after) {
      const { occurredAt, id } = criteria.after;
      where.push({ OR: [{ occurredAt: { lt: occurredAt } }, { occurredAt, id: { lt: id } }] });
    }
    const rows = await withDatabaseErrors(() =>
      this.prisma.auditEvent.findMany({
        where: { AND: where },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: criteria.limit,
      }),
    );
    return rows.map((row) => ({ ...row, type: row.type as AuditEventType }));
  }
}
