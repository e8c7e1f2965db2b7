import type { UserSearchStrategy } from "./user-search.strategy";

/**
 * PostgreSQL: always the plain query. Its planner weighs the sort index against the pg_trgm
 * index from its own statistics, so there is nothing to decide here.
 */
export class PostgresUserSearch implements UserSearchStrategy {
  async pageEntries(): Promise<null> {
    return null;
  }

  async countEntries(): Promise<null> {
    return null;
  }
}
