import type { AuditRecord } from "../audit/audit-event";

/**
 * The append-only audit log. `record` registers the event with the unit of work, so it
 * commits with the change it describes or not at all. `recordNow` writes at once, on its
 * own: for refusals (a failed password check), which change nothing else and must be kept
 * even though the request fails.
 */
export interface AuditLog {
  record(event: AuditRecord): void;
  recordNow(event: AuditRecord): Promise<void>;
}
