import type { AuditRecord } from "../audit/audit-event";

/**
 * The append-only audit log. `record` registers the event with the unit of work, so it
 * commits with the change it describes or not at all.
 */
export interface AuditLog {
  record(event: AuditRecord): void;
}
