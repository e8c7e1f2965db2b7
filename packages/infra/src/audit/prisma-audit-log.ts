import type { AuditLog, AuditRecord } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import type { Uuidv7UserIdGenerator } from "../adapters/uuidv7-user-id.generator";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Where a request came from, stamped on each of its events. */
export interface AuditOrigin {
  clientIp: string | null;
  requestId: string | null;
}

/**
 * The audit log of one request. `record` joins the request's unit of work, so the event
 * commits with its change; `recordNow` writes at once, for events that change nothing else
 * (a failed log-in, a tripped throttle).
 */
export class PrismaAuditLog implements AuditLog {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly ids: Uuidv7UserIdGenerator,
    private readonly origin: AuditOrigin,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(event: AuditRecord): void {
    const data = this.row(event);
    this.unitOfWork.register((db) => db.auditEvent.create({ data }));
  }

  async recordNow(event: AuditRecord): Promise<void> {
    const data = this.row(event);
    await withDatabaseErrors(() => this.unitOfWork.executor.auditEvent.create({ data }));
  }

  private row(event: AuditRecord) {
    return {
      id: this.ids.next(),
      occurredAt: this.now(),
      type: event.type,
      actorId: event.actorId,
      targetId: event.targetId,
      attemptedUsername: event.attemptedUsername ?? null,
      clientIp: this.origin.clientIp,
      requestId: this.origin.requestId,
    };
  }
}
