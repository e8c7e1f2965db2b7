// Username search through the trigram indexes (FTS5 on SQLite, pg_trgm on PostgreSQL): the
// same answers as a plain substring test, whichever way the reader chooses to read, and the
// index in step with every write. (pnpm bench measures the timings: P5.)
import type { UserId, UserListFilter, UserListItem, UserListSort } from "@gatehouse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUsersSql, searchIndexMatch, type ListRoute } from "../src/adapters/user-list.sql";
import { Prisma } from "../src/generated/sqlite/client";
import { SqliteUserSearch, type DatabaseProvider, type PrismaUserReader } from "../src/index";
import { TEST_PROVIDERS } from "../src/testing";
import { createTestApp, fillPostgresUsersForThePlanner, type TestApp } from "./fixtures";

const FIRST = ["anna", "ben", "chloe", "echo", "maria", "ruby", "sam", "zoe"];
const SECOND = ["smith", "stone", "falcon", "lee", "wood"];
const SEPARATORS = [".", "_", "-"];
const BASE = Date.UTC(2025, 0, 1);

interface Row {
  id: string;
  username: string;
  role: "user" | "admin";
  isActive: boolean;
  createdAt: Date;
}

/** 1 500 generated users plus a few whose names test the wildcards; every third shares an instant. */
function people(): Row[] {
  const names = Array.from(
    { length: 1500 },
    (_, i) => `${FIRST[i % 8]}${SEPARATORS[(i >> 3) % 3]}${SECOND[(i * 7) % 5]}${i}`,
  );
  names.push("echo_1", "echox1", "Echo-1", "a_b_c", "axb_c", "Mixed.Case", "Quote.less");
  return names.map((username, i) => ({
    id: `01900000-0000-7000-8000-${String(i).padStart(12, "0")}`,
    username: i % 11 === 0 ? username.charAt(0).toUpperCase() + username.slice(1) : username,
    role: i % 10 === 0 ? "admin" : "user",
    isActive: i % 7 !== 0,
    createdAt: new Date(BASE + Math.floor(i / 3) * 1000),
  }));
}

const SORTS = [
  { by: "username", order: "asc" },
  { by: "username", order: "desc" },
  { by: "createdAt", order: "asc" },
  { by: "createdAt", order: "desc" },
] as const;

const FILTERS = [
  { role: null, isActive: null },
  { role: "admin", isActive: null },
  { role: null, isActive: false },
] as const;

/** Dense and rare terms (the two ways of reading on SQLite), short ones, wildcards and quotes. */
const TERMS = [
  "smith",
  "maria",
  "ruby.stone",
  "ruby.stone1",
  "o_1",
  "a_b",
  "mixed.case",
  "echo",
  "nobody",
  "_",
  "%",
  "\\",
  "a%b",
  'a"b',
  "it's",
  "o-1",
  "e1",
  "7",
];

function reference(
  rows: Row[],
  search: string,
  filter: (typeof FILTERS)[number],
  sort: (typeof SORTS)[number],
): string[] {
  const key = (row: Row) => (sort.by === "username" ? row.username.toLowerCase() : row.createdAt.toISOString());
  const sign = sort.order === "asc" ? 1 : -1;
  return rows
    .filter((row) => row.username.toLowerCase().includes(search))
    .filter((row) => filter.role === null || row.role === filter.role)
    .filter((row) => filter.isActive === null || row.isActive === filter.isActive)
    .sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.username);
}

type Page = (filter: UserListFilter, sort: UserListSort, limit: number) => Promise<UserListItem[]>;

/** Every row, page after page, following the keyset from each page's last row. */
async function walk(page: Page, filter: UserListFilter, sort: (typeof SORTS)[number], limit = 9): Promise<string[]> {
  const seen: string[] = [];
  let after: { usernameKey: string; id: UserId } | { createdAt: Date; id: UserId } | null = null;
  for (;;) {
    const rows = await page(filter, { ...sort, after } as UserListSort, limit);
    seen.push(...rows.map((item) => item.username));
    const last = rows.at(-1);
    if (rows.length < limit || !last) return seen;
    after =
      sort.by === "username"
        ? { usernameKey: last.username.toLowerCase(), id: last.id }
        : { createdAt: last.createdAt, id: last.id };
  }
}

/** A test database holding `rows` as users (fake hashes), and a reader of it. */
async function seededApp(provider: DatabaseProvider, rows: ReturnType<typeof people>) {
  const app = await createTestApp(provider);
  await app.prisma.user.createMany({
    data: rows.map((row) => ({
      ...row,
      usernameKey: row.username.toLowerCase(),
      passwordHash: "not a hash",
      updatedAt: row.createdAt,
      version: 0,
    })),
  });
  return { app, reader: app.userReader };
}

describe.each(TEST_PROVIDERS)("username search on %s", (provider) => {
  let app: TestApp;
  let reader: PrismaUserReader;
  const rows = people();

  beforeAll(async () => {
    ({ app, reader } = await seededApp(provider, rows));
  });

  afterAll(async () => {
    await app.close();
  });

  it("finds exactly the usernames holding the text, literally, in every order and with every filter", async () => {
    for (const search of TERMS) {
      for (const extra of FILTERS) {
        const filter = { search, ...extra };
        for (const sort of SORTS) {
          const found = await walk((f, s, limit) => reader.listUsers({ filter: f, sort: s, limit }), filter, sort);
          expect(found, `${search} ${JSON.stringify(extra)} ${sort.by} ${sort.order}`).toEqual(
            reference(rows, search, extra, sort),
          );
        }
        expect(await reader.countUsers(filter), `count ${search} ${JSON.stringify(extra)}`).toBe(
          reference(rows, search, extra, SORTS[0]).length,
        );
      }
    }
    // The terms above include some the index reads and some it leaves to the walk.
    expect(reference(rows, "smith", FILTERS[0], SORTS[0]).length).toBeGreaterThan(100);
    expect(reference(rows, "ruby.stone", FILTERS[0], SORTS[0]).length).toBeLessThan(20);
    expect(reference(rows, "o_1", FILTERS[0], SORTS[0])).toEqual(["echo_1"]);
  });
});

// SQLite reads a search either through its FTS5 trigram table or by walking the sort index.
describe("the SQLite trigram search table", () => {
  let app: TestApp;
  let reader: PrismaUserReader;
  const rows = people();

  beforeAll(async () => {
    ({ app, reader } = await seededApp("sqlite", rows));
  });

  afterAll(async () => {
    await app.close();
  });

  it("answers the same by either route, whatever the term", async () => {
    const byRoute =
      (route: ListRoute): Page =>
      async (filter, sort, limit) =>
        (
          await app.prisma.$queryRaw<Array<{ id: UserId; username: string; createdAt: string | Date }>>(
            listUsersSql({ filter, sort, limit }, route),
          )
        ).map((row) => ({
          ...row,
          role: "user",
          isActive: true,
          createdAt: new Date(row.createdAt),
          lastLogInAt: null,
          mfaEnabled: false,
        }));
    for (const search of TERMS.filter((term) => term.length >= 3)) {
      // Every entry of the index that may hold the text, however many.
      const entries = (
        await app.prisma.$queryRaw<Array<{ entry: bigint }>>(
          Prisma.sql`SELECT rowid AS entry FROM users_username_search WHERE ${searchIndexMatch(search)}`,
        )
      ).map((row) => Number(row.entry));
      for (const extra of FILTERS) {
        for (const sort of SORTS) {
          const expected = reference(rows, search, extra, sort);
          const label = `${search} ${JSON.stringify(extra)} ${sort.by} ${sort.order}`;
          expect(
            await walk(byRoute({ kind: "matches", entries }), { search, ...extra }, sort, 25),
            `matches: ${label}`,
          ).toEqual(expected);
          expect(await walk(byRoute({ kind: "ordered" }), { search, ...extra }, sort, 25), `ordered: ${label}`).toEqual(
            expected,
          );
        }
      }
    }
  });

  it("reads the index's entries for a rare term, and walks the sort index for a common or short one", async () => {
    const strategy = new SqliteUserSearch(app.prisma);
    const rare = await strategy.pageEntries("ruby.stone", 20);
    expect(rare?.length).toBeGreaterThan(0);
    expect(rare!.length).toBeLessThan(20);
    expect(await strategy.pageEntries("smith", 20)).toBeNull(); // hundreds of matches: the walk is cheaper
    expect(await strategy.pageEntries("sm", 20)).toBeNull(); // shorter than a trigram
    expect(await strategy.pageEntries("nobody", 20)).toEqual([]);
    // A count reads the index up to a twentieth of the rows (here 75 entries).
    expect(await strategy.countEntries("ruby.stone")).toEqual(rare);
    expect(await strategy.countEntries("smith")).toBeNull();
  });

  it("keeps the index in step with every insert, update and delete", async () => {
    const search = (text: string) =>
      reader.listUsers({
        filter: { search: text, role: null, isActive: null },
        sort: { by: "username", order: "asc", after: null },
        limit: 50,
      });
    const id = "01900000-0000-7000-8000-999999999999";
    const createdAt = new Date(BASE);
    await app.prisma.user.create({
      data: {
        id,
        username: "Zebra.Unique",
        usernameKey: "zebra.unique",
        passwordHash: "x",
        role: "user",
        isActive: true,
        createdAt,
        updatedAt: createdAt,
        version: 0,
      },
    });
    expect((await search("zebra.uni")).map((item) => item.username)).toEqual(["Zebra.Unique"]);

    await app.prisma.user.update({ where: { id }, data: { username: "Okapi.Unique", usernameKey: "okapi.unique" } });
    expect(await search("zebra.uni")).toEqual([]);
    expect((await search("okapi.uni")).map((item) => item.username)).toEqual(["Okapi.Unique"]);

    await app.prisma.user.update({ where: { id }, data: { role: "admin", isActive: false, version: 1 } });
    const filtered = await reader.listUsers({
      filter: { search: "okapi.uni", role: "admin", isActive: false },
      sort: { by: "createdAt", order: "desc", after: null },
      limit: 5,
    });
    expect(filtered).toEqual([
      { id, username: "Okapi.Unique", role: "admin", isActive: false, createdAt, lastLogInAt: null },
    ]);

    await app.prisma.user.delete({ where: { id } });
    expect(await search("okapi.uni")).toEqual([]);

    // The index matches the stored entries, and the entries match users column for column.
    await app.prisma.$executeRawUnsafe(
      `INSERT INTO users_username_search(users_username_search) VALUES('integrity-check')`,
    );
    const [drift] = await app.prisma.$queryRawUnsafe<Array<{ users: bigint; entries: bigint; unmatched: bigint }>>(`
      SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM users_username_search) AS entries,
        (SELECT COUNT(*) FROM users u WHERE NOT EXISTS (
          SELECT 1 FROM users_username_search s WHERE s.id = u.id AND s.username_key = u.username_key
            AND s.created_at = u.created_at AND s.role = u.role AND s.is_active = u.is_active)) AS unmatched`);
    expect(drift).toEqual({ users: BigInt(rows.length), entries: BigInt(rows.length), unmatched: 0n });
  });
});

/** A deep page: the keyset seek from some row on. */
function sortAfter(by: "username" | "createdAt"): UserListSort {
  const id = "01900000-0000-7000-8000-000000000000" as UserId;
  return by === "username"
    ? { by, order: "asc", after: { usernameKey: "m", id } }
    : { by, order: "asc", after: { createdAt: new Date(BASE), id } };
}

describe("query plans of username search on SQLite", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("sqlite");
  });

  afterAll(async () => {
    await app.close();
  });

  const plan = async (
    route: ListRoute,
    search: string,
    by: "username" | "createdAt",
    filters: Pick<UserListFilter, "role" | "isActive"> = { role: "user", isActive: true },
  ) =>
    (
      await app.prisma.$queryRaw<Array<{ detail: string }>>(
        Prisma.sql`EXPLAIN QUERY PLAN ${listUsersSql(
          { filter: { search, ...filters }, sort: sortAfter(by), limit: 21 },
          route,
        )}`,
      )
    )
      .map((row) => row.detail)
      .join("\n");

  it.each(["username", "createdAt"] as const)(
    "reads a rare term's entries of the trigram index by rowid, then the page's rows by key (%s)",
    async (by) => {
      const detail = await plan({ kind: "matches", entries: [3, 5, 8] }, "ruby.stone", by);
      expect(detail).toMatch(/SCAN users_username_search VIRTUAL TABLE INDEX \d+:=/); // rowid lookups
      expect(detail).toMatch(/SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1 \(id=\?\)/);
      expect(detail).not.toMatch(/SCAN users(\s|$)/); // never every row of users
    },
  );

  it("walks the username index for a dense term, testing the text on the index entries", async () => {
    const detail = await plan({ kind: "ordered" }, "smith", "username", { role: null, isActive: null });
    expect(detail).toMatch(
      /SEARCH users USING COVERING INDEX users_username_key_id_idx \(\(?username_key(,id\))?>\(?\?/,
    );
    expect(detail).toMatch(/SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1 \(id=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    // With filters on other columns, still a seek on a username index, never a sort.
    const filtered = await plan({ kind: "ordered" }, "smith", "username");
    expect(filtered).toMatch(
      /SEARCH users USING INDEX users_username_key_(key|id_idx) \(\(?username_key(,id\))?>\(?\?/,
    );
    expect(filtered).not.toMatch(/TEMP B-TREE/);
  });
});

describe("query plans of username search on PostgreSQL", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("postgresql");
    await fillPostgresUsersForThePlanner(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const plan = async (search: string, by: "username" | "createdAt") =>
    (
      await app.prisma.$queryRaw<Array<{ "QUERY PLAN": string }>>(
        Prisma.sql`EXPLAIN ${listUsersSql(
          { filter: { search, role: null, isActive: null }, sort: { by, order: "asc", after: null }, limit: 21 },
          { kind: "ordered" },
        )}`,
      )
    )
      .map((row) => row["QUERY PLAN"])
      .join("\n");

  it.each(["username", "createdAt"] as const)("reads a rare term through the pg_trgm index (%s)", async (by) => {
    expect(await plan("user12345", by)).toMatch(/Bitmap Index Scan on users_username_key_trgm_idx/);
  });

  it("walks the username index, index-only, for a term most rows hold", async () => {
    const detail = await plan("user1", "username");
    expect(detail).toMatch(/Index Only Scan using users_username_key_id_idx/);
    expect(detail).not.toMatch(/users_username_key_trgm_idx/);
  });
});
