import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { searchEntriesSql, TRIGRAM_LENGTH } from "./user-list.sql";
import type { UserSearchStrategy } from "./user-search.strategy";

/**
 * SQLite search reads one of two ways. Walking a sort index costs about `limit x rows /
 * matches` steps (a page's matches are spread over the order). Reading the trigram index
 * costs one fetch per match (each entry carries the sort and filter columns, so the matches
 * are filtered and sorted there and only the page's rows are read from users); a fetch is a
 * random read, worth about FETCH_COST_IN_STEPS steps. So a page reads the index when
 * matches^2 <= limit x rows / FETCH_COST_IN_STEPS (up to ~1 000 matches at a million users
 * and pages of 20), and a count when matches <= rows / FETCH_COST_IN_STEPS. Whatever the term,
 * a page then costs at most ~sqrt(FETCH_COST_IN_STEPS x limit x rows) steps (~20 000 at a
 * million users, a few milliseconds), and the usual terms far less.
 */
const FETCH_COST_IN_STEPS = 20;

const SIZE_ESTIMATE_TTL_MS = 60_000;

/** SQLite: reads the trigram table's entries when there are few enough (see FETCH_COST_IN_STEPS). */
export class SqliteUserSearch implements UserSearchStrategy {
  private sizeEstimate: { rows: number; at: number } | null = null;

  constructor(private readonly prisma: PrismaClient) {}

  pageEntries(search: string, limit: number): Promise<readonly number[] | null> {
    return this.fewEntries(search, (rows) => Math.sqrt((limit * rows) / FETCH_COST_IN_STEPS));
  }

  countEntries(search: string): Promise<readonly number[] | null> {
    return this.fewEntries(search, (rows) => rows / FETCH_COST_IN_STEPS);
  }

  /**
   * The entries (rowids) of the trigram index that may hold the search text when there are
   * at most `few(rows)` of them, else null. They are read up to that cap, so a common term
   * costs no more than a rare one to check, and the index is searched once per page.
   */
  private async fewEntries(search: string, few: (rows: number) => number): Promise<readonly number[] | null> {
    if ([...search].length < TRIGRAM_LENGTH) return null;
    const cap = Math.max(1, Math.floor(few(await this.rowsEstimate())));
    const [found] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ entries: number | bigint; list: string | null }>>(searchEntriesSql(search, cap)),
    );
    if (Number(found?.entries ?? 0) > cap) return null;
    return found?.list ? found.list.split(",").map(Number) : [];
  }

  /**
   * How many users there are, roughly (an upper bound: the highest rowid, one index step where
   * COUNT(*) would read every row), refreshed at most once a minute: it only weighs two ways
   * of reading, and a stale figure costs a little speed, never a wrong answer.
   */
  private async rowsEstimate(): Promise<number> {
    const now = Date.now();
    if (this.sizeEstimate === null || now - this.sizeEstimate.at > SIZE_ESTIMATE_TTL_MS) {
      const [size] = await withDatabaseErrors(
        () => this.prisma.$queryRaw<Array<{ rows: number | bigint | null }>>`SELECT MAX(rowid) AS rows FROM users`,
      );
      this.sizeEstimate = { rows: Number(size?.rows ?? 0), at: now };
    }
    return this.sizeEstimate.rows;
  }
}
