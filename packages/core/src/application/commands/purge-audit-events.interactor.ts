import type { Clock } from "../../domain/ports/clock.port";
import type { AuditPurger } from "../ports/audit-purger.port";

const DAY_MS = 86_400_000;

/**
 * Deletes audit events older than the retention period. Operator-only: the server runs it in
 * process (the CLI's `gatehouse audit purge`), never over HTTP.
 */
export class PurgeAuditEventsInteractor {
  constructor(private readonly deps: { purger: AuditPurger; clock: Clock; retentionDays: number }) {}

  /** How many events were deleted, and the time before which they occurred. */
  async execute(): Promise<{ deleted: number; before: Date }> {
    const { purger, clock, retentionDays } = this.deps;
    const before = new Date(clock.now().getTime() - retentionDays * DAY_MS);
    return { deleted: await purger.deleteOlderThan(before), before };
  }
}
