/**
 * Runs `work` as one transaction: every change it registers and flushes commits together
 * when it returns, or none does when it throws.
 */
export interface TransactionManager {
  run<T>(work: () => Promise<T>): Promise<T>;
}
