import type { AuditLog, AuditRecord, Clock, IdGenerator } from "@gatehouse/core";
import type { PrismaExecutor, PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Where a request came from, stamped on each of its events. */
export interface AuditOrigin {
  clientIp: string | null;
  requestId: string | null;
}

/**
 * The audit log of one request. `record` joins the request's unit of work, so the event
 * commits with its change; `recordNow` writes at once, for events that change nothing else
 * (a failed log-in, a tripped throttle). Ids and times come from the same ports as users'.
 */
export class PrismaAuditLog implements AuditLog {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly origin: AuditOrigin,
  ) {}

  record(event: AuditRecord): void {
    const row = this.row(event);
    this.unitOfWork.register((db) => insertAuditEvent(db, row));
  }

  async recordNow(event: AuditRecord): Promise<void> {
    const row = this.row(event);
    await withDatabaseErrors(() => insertAuditEvent(this.unitOfWork.executor, row));
  }

  private row(event: AuditRecord): AuditEventRow {
    return {
      id: this.ids.next(),
      occurredAt: this.clock.now(),
      type: event.type,
      actorId: event.actorId,
      targetId: event.targetId,
      attemptedUsername: event.attemptedUsername ?? null,
      method: event.method ?? null,
      clientIp: this.origin.clientIp,
      requestId: this.origin.requestId,
    };
  }
}

interface AuditEventRow {
  id: string;
  occurredAt: Date;
  type: string;
  actorId: string | null;
  targetId: string | null;
  attemptedUsername: string | null;
  method: string | null;
  clientIp: string | null;
  requestId: string | null;
}

/**
 * Every log-in writes an event, so this is SQL rather than Prisma's `create` (several times
 * the CPU). The Date is bound as a JS Date, stored as the ORM stores it (see the round-trip test).
 */
function insertAuditEvent(db: PrismaExecutor, row: AuditEventRow): Promise<number> {
  return db.$executeRaw`
    INSERT INTO audit_events (id, occurred_at, type, actor_id, target_id, attempted_username, method, client_ip, request_id)
    VALUES (${row.id}, ${row.occurredAt}, ${row.type}, ${row.actorId}, ${row.targetId},
            ${row.attemptedUsername}, ${row.method}, ${row.clientIp}, ${row.requestId})`;
}
