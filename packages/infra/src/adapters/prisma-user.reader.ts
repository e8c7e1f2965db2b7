import {
  isUserRole,
  type AccountView,
  type UserId,
  type UserListCriteria,
  type UserListFilter,
  type UserListItem,
  type UserReader,
} from "@gatehouse/core";
import { Prisma, type PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import type { DatabaseProvider } from "../persistence/database-url";

interface ListItemRow {
  id: string;
  username: string;
  role: string;
  isActive: boolean | number | bigint;
  createdAt: Date | string;
}

function toListItem(row: ListItemRow): UserListItem {
  if (!isUserRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}".`);
  return {
    id: row.id as UserId,
    username: row.username,
    role: row.role,
    isActive: Boolean(Number(row.isActive)),
    createdAt: new Date(row.createdAt),
  };
}

/** `text` as a LIKE pattern that matches it literally anywhere ('_' and '%' are wildcards otherwise). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * SQLite keeps Prisma DateTimes as ISO-8601 text with a "+00:00" offset; a keyset bound must
 * be written the same way to compare correctly (equal instants must compare equal).
 */
function timestampParameter(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function whereFilter(filter: UserListFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.search !== null) conditions.push(Prisma.sql`username_key LIKE ${containsPattern(filter.search)} ESCAPE '\\'`);
  if (filter.role !== null) conditions.push(Prisma.sql`role = ${filter.role}`);
  if (filter.isActive !== null) conditions.push(Prisma.sql`is_active = ${filter.isActive}`);
  return conditions;
}

function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

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

/** The trigram index holds three-character pieces: shorter search text cannot use it. */
const TRIGRAM_LENGTH = 3;

/**
 * How a page is read: `keyset` walks a sort index from the cursor (no search); `ordered` walks
 * it too, testing the search on the index entries, then reads only the page's rows (on
 * PostgreSQL the planner may read the pg_trgm index instead, when it expects few matches);
 * `matches` (SQLite) filters and sorts the given entries of the trigram index (those that may
 * hold the text, see searchIndexMatch), then reads the page's rows.
 */
export type ListRoute = { kind: "keyset" } | { kind: "ordered" } | { kind: "matches"; entries: readonly number[] };

/**
 * The condition on the trigram index (users_username_search, SQLite) for entries that may hold
 * the search text: those holding a cover of its trigrams (every third one, and the last), each
 * quoted as an FTS5 string. That is a superset (a name holding the text holds all its
 * trigrams) at about half the index reading of all of them as a phrase; the LIKE test, always
 * applied too, keeps exactly the names holding the text.
 */
export function searchIndexMatch(search: string): Prisma.Sql {
  const characters = [...search];
  if (characters.length < TRIGRAM_LENGTH) throw new Error("the trigram index cannot find text shorter than a trigram");
  const starts = new Set<number>();
  for (let start = 0; start + TRIGRAM_LENGTH <= characters.length; start += TRIGRAM_LENGTH) starts.add(start);
  starts.add(characters.length - TRIGRAM_LENGTH);
  const query = [...starts]
    .map((start) => `"${characters.slice(start, start + TRIGRAM_LENGTH).join("").replaceAll('"', '""')}"`)
    .join(" AND ");
  return Prisma.sql`users_username_search MATCH ${query}`;
}

/** Just these entries of the trigram index (by rowid), passed as one JSON array. */
function entriesCondition(entries: readonly number[]): Prisma.Sql {
  return Prisma.sql`rowid IN (SELECT value FROM json_each(${JSON.stringify(entries)}))`;
}

const LIST_COLUMNS = Prisma.raw(`id, username, role, is_active AS "isActive", created_at AS "createdAt"`);

/** The SQL of one page by the given route (exported for the tests). */
export function listUsersSql({ filter, sort, limit }: UserListCriteria, route: ListRoute): Prisma.Sql {
  // Column and direction come from closed sets, never from input text.
  const column = sort.by === "username" ? "username_key" : "created_at";
  const direction = sort.order === "asc" ? "ASC" : "DESC";
  const orderBy = (table = "") => Prisma.raw(`ORDER BY ${table}${column} ${direction}, ${table}id ${direction}`);
  const conditions = whereFilter(filter);
  if (sort.after) {
    const value = "usernameKey" in sort.after ? sort.after.usernameKey : timestampParameter(sort.after.createdAt);
    const beyond = Prisma.raw(sort.order === "asc" ? ">" : "<");
    conditions.push(Prisma.sql`(${Prisma.raw(column)}, id) ${beyond} (${value}, ${sort.after.id})`);
  }
  if (route.kind === "keyset") return Prisma.sql`SELECT ${LIST_COLUMNS} FROM users ${whereClause(conditions)} ${orderBy()} LIMIT ${limit}`;

  let keys = Prisma.sql`users`;
  if (route.kind === "matches") {
    // The index entries carry the columns of the conditions under the same names.
    keys = Prisma.sql`users_username_search`;
    conditions.unshift(entriesCondition(route.entries));
  }
  // The page's keys first (by username an index-only walk, the search tested on the index
  // entries), then only the page's rows. Ordering by the page's own columns keeps SQLite from
  // walking all of users in order to join it.
  return Prisma.sql`
    SELECT users.id, users.username, users.role, users.is_active AS "isActive", users.created_at AS "createdAt"
    FROM (SELECT id, ${Prisma.raw(column)} FROM ${keys} ${whereClause(conditions)} ${orderBy()} LIMIT ${limit}) AS page
    JOIN users ON users.id = page.id
    ${orderBy("page.")}`;
}

/**
 * The query side: hand-written SQL returning query models. Lists use keyset pagination on
 * the indexes (username_key, id) and (created_at, id): each page is one index seek from
 * the previous page's last row, never an OFFSET scan. Search text is a literal substring of
 * the lower-cased username (LIKE with its wildcards escaped); a trigram index (FTS5 on SQLite,
 * pg_trgm on PostgreSQL) finds rare terms without reading every row.
 */
export class PrismaUserReader implements UserReader {
  private sizeEstimate: { rows: number; at: number } | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    /** Search reads differently on each (an FTS5 trigram table on SQLite, pg_trgm on PostgreSQL). */
    private readonly provider: DatabaseProvider,
  ) {}

  async readAccount(id: UserId): Promise<AccountView | null> {
    const row = await withDatabaseErrors(() =>
      this.prisma.user.findUnique({
        where: { id },
        select: { id: true, username: true, role: true, isActive: true, createdAt: true },
      }),
    );
    return row ? toListItem(row) : null;
  }

  async listUsers(criteria: UserListCriteria): Promise<UserListItem[]> {
    const { search } = criteria.filter;
    let route: ListRoute = { kind: search === null ? "keyset" : "ordered" };
    if (search !== null) {
      const entries = await this.fewSearchEntries(search, (rows) => Math.sqrt((criteria.limit * rows) / FETCH_COST_IN_STEPS));
      if (entries) route = { kind: "matches", entries };
    }
    const rows = await withDatabaseErrors(() => this.prisma.$queryRaw<ListItemRow[]>(listUsersSql(criteria, route)));
    return rows.map(toListItem);
  }

  async countUsers(filter: UserListFilter): Promise<number> {
    const conditions = whereFilter(filter);
    let from = Prisma.sql`users`;
    const entries = filter.search === null ? null : await this.fewSearchEntries(filter.search, (rows) => rows / FETCH_COST_IN_STEPS);
    if (entries) {
      from = Prisma.sql`users_username_search`;
      conditions.unshift(entriesCondition(entries));
    }
    const [row] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ total: number | bigint }>>`SELECT COUNT(*) AS total FROM ${from} ${whereClause(conditions)}`,
    );
    return Number(row?.total ?? 0);
  }

  /**
   * SQLite only: the entries (rowids) of the trigram index that may hold the search text when
   * there are at most `few(rows)` of them, else null. They are read up to that cap, so a common
   * term costs no more than a rare one to check, and the index is searched once per page.
   */
  private async fewSearchEntries(search: string, few: (rows: number) => number): Promise<number[] | null> {
    if (this.provider !== "sqlite" || [...search].length < TRIGRAM_LENGTH) return null;
    const cap = Math.max(1, Math.floor(few(await this.rowsEstimate())));
    const [found] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ entries: number | bigint; list: string | null }>>`
        SELECT COUNT(*) AS entries, group_concat(entry) AS list FROM (
          SELECT rowid AS entry FROM users_username_search WHERE ${searchIndexMatch(search)} LIMIT ${cap + 1}
        ) AS capped`,
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
      const [size] = await withDatabaseErrors(() =>
        this.prisma.$queryRaw<Array<{ rows: number | bigint | null }>>`SELECT MAX(rowid) AS rows FROM users`,
      );
      this.sizeEstimate = { rows: Number(size?.rows ?? 0), at: now };
    }
    return this.sizeEstimate.rows;
  }
}
