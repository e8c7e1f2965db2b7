/**
 * How the user reader reads a search on this database. Each indexes usernames its own way
 * (an FTS5 trigram table on SQLite, pg_trgm on PostgreSQL), so the composition root picks
 * the strategy by provider and the reader never asks which database it is on.
 *
 * Each answer is the entries (rowids) of the trigram table to read instead of walking
 * users, or null to walk users (see ListRoute in user-list.sql.ts).
 */
export interface UserSearchStrategy {
  /** For one page of `limit` users whose usernames hold `search`. */
  pageEntries(search: string, limit: number): Promise<readonly number[] | null>;
  /** For counting the users whose usernames hold `search`. */
  countEntries(search: string): Promise<readonly number[] | null>;
}
