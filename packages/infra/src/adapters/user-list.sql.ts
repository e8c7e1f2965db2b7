import type { UserListCriteria, UserListFilter } from "@gatehouse/core";
import { Prisma } from "../generated/sqlite/client";
import { timestampParameter } from "../persistence/timestamp-parameter";

// The SQL of user lists and counts (PrismaUserReader runs it, the search strategies choose
// its route). Column names and directions come from closed sets, never from input text;
// every value is a bound parameter.

/** The trigram index holds three-character pieces: shorter search text cannot use it. */
export const TRIGRAM_LENGTH = 3;

/**
 * How a page is read: `keyset` walks a sort index from the cursor (no search); `ordered` walks
 * it too, testing the search on the index entries, then reads only the page's rows (on
 * PostgreSQL the planner may read the pg_trgm index instead, when it expects few matches);
 * `matches` (SQLite) filters and sorts the given entries of the trigram index (those that may
 * hold the text, see searchIndexMatch), then reads the page's rows.
 */
export type ListRoute = { kind: "keyset" } | { kind: "ordered" } | { kind: "matches"; entries: readonly number[] };

/** `text` as a LIKE pattern that matches it literally anywhere ('_' and '%' are wildcards otherwise). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function whereFilter(filter: UserListFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.search !== null)
    conditions.push(Prisma.sql`username_key LIKE ${containsPattern(filter.search)} ESCAPE '\\'`);
  // As an expression, not the bare column: SQLite (which keeps no statistics) would otherwise
  // seek the (role, is_active) index the overview counts with, then sort every user of the
  // role, instead of walking the sort's index (the plans in user-search.integration.test.ts).
  // On PostgreSQL the cast of text to text changes nothing.
  if (filter.role !== null) conditions.push(Prisma.sql`CAST(role AS TEXT) = ${filter.role}`);
  if (filter.isActive !== null) conditions.push(Prisma.sql`is_active = ${filter.isActive}`);
  return conditions;
}

function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

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
  // Stryker disable next-line EqualityOperator: the last whole trigram that `<` would skip is added just below anyway
  for (let start = 0; start + TRIGRAM_LENGTH <= characters.length; start += TRIGRAM_LENGTH) starts.add(start);
  starts.add(characters.length - TRIGRAM_LENGTH);
  const query = [...starts]
    .map(
      (start) =>
        `"${characters
          .slice(start, start + TRIGRAM_LENGTH)
          .join("")
          .replaceAll('"', '""')}"`,
    )
    .join(" AND ");
  return Prisma.sql`users_username_search MATCH ${query}`;
}

/**
 * SQLite: how many entries of the trigram index may hold the search text, counted up to
 * `cap + 1` (so a common term costs no more to check than a rare one), and their rowids as
 * a comma-separated `list`.
 */
export function searchEntriesSql(search: string, cap: number): Prisma.Sql {
  return Prisma.sql`
    SELECT COUNT(*) AS entries, group_concat(entry) AS list FROM (
      SELECT rowid AS entry FROM users_username_search WHERE ${searchIndexMatch(search)} LIMIT ${cap + 1}
    ) AS capped`;
}

/** Just these entries of the trigram index (by rowid), passed as one JSON array. */
function entriesCondition(entries: readonly number[]): Prisma.Sql {
  return Prisma.sql`rowid IN (SELECT value FROM json_each(${JSON.stringify(entries)}))`;
}

/** The columns of a list item (see userToListItem), under the names the mapper reads. */
const LIST_COLUMNS = (table = "") =>
  Prisma.raw(
    [
      ...[
        `id`,
        `username`,
        `role`,
        `is_active AS "isActive"`,
        `created_at AS "createdAt"`,
        `last_log_in_at AS "lastLogInAt"`,
      ].map((column) => `${table}${column}`),
      // One primary-key lookup per row of the page.
      `EXISTS (SELECT 1 FROM totp_factors WHERE totp_factors.user_id = ${table}id AND totp_factors.enabled_at IS NOT NULL) AS "mfaEnabled"`,
    ].join(", "),
  );

/** The SQL of one page of users by the given route. */
export function listUsersSql({ filter, sort, limit }: UserListCriteria, route: ListRoute): Prisma.Sql {
  const column = sort.by === "username" ? "username_key" : "created_at";
  const direction = sort.order === "asc" ? "ASC" : "DESC";
  const orderBy = (table = "") => Prisma.raw(`ORDER BY ${table}${column} ${direction}, ${table}id ${direction}`);
  const conditions = whereFilter(filter);
  if (sort.after) {
    const value = "usernameKey" in sort.after ? sort.after.usernameKey : timestampParameter(sort.after.createdAt);
    const beyond = Prisma.raw(sort.order === "asc" ? ">" : "<");
    conditions.push(Prisma.sql`(${Prisma.raw(column)}, id) ${beyond} (${value}, ${sort.after.id})`);
  }
  if (route.kind === "keyset")
    return Prisma.sql`SELECT ${LIST_COLUMNS()} FROM users ${whereClause(conditions)} ${orderBy()} LIMIT ${limit}`;

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
    SELECT ${LIST_COLUMNS("users.")}
    FROM (SELECT id, ${Prisma.raw(column)} FROM ${keys} ${whereClause(conditions)} ${orderBy()} LIMIT ${limit}) AS page
    JOIN users ON users.id = page.id
    ${orderBy("page.")}`;
}

/** The SQL counting the users the filter keeps: in users, or (SQLite) in just these entries of the trigram index. */
export function countUsersSql(filter: UserListFilter, entries: readonly number[] | null): Prisma.Sql {
  const conditions = whereFilter(filter);
  let from = Prisma.sql`users`;
  if (entries) {
    from = Prisma.sql`users_username_search`;
    conditions.unshift(entriesCondition(entries));
  }
  return Prisma.sql`SELECT COUNT(*) AS total FROM ${from} ${whereClause(conditions)}`;
}
