/**
 * The unit of work's boundary, and the only place where changes reach the database.
 *
 * `run` opens one transaction and runs `work`, which registers changes (users added or
 * updated through the UserDataMapper, events recorded in the AuditLog, sessions revoked).
 * When `work` returns, `run` sends every registered change inside that transaction and
 * commits them together; when `work` or sending a change throws, nothing commits and `run`
 * rethrows. Use cases therefore never send changes themselves: registering them inside
 * `work` is enough.
 *
 * A rule the database enforces surfaces from `run` as the domain's error: a username taken
 * meanwhile (by a concurrent request) as `UsernameTakenError`, a second super admin as
 * `SuperAdminExistsError`.
 */
export interface TransactionManager {
  run<T>(work: () => Promise<T>): Promise<T>;
}
