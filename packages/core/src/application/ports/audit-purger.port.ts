/** Deletes old audit events: the only change ever made to events once written. */
export interface AuditPurger {
  /** Deletes every event that occurred strictly before `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}
