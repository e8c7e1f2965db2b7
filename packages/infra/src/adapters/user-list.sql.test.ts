import type { UserId, UserListCriteria, UserListFilter } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import type { Prisma } from "../generated/sqlite/client";
import { countUsersSql, listUsersSql, searchEntriesSql, searchIndexMatch } from "./user-list.sql";

// The statements as text and bound values. What they return, and how the databases plan
// them, is pinned against real databases (test/user-search.*, test/user-reader.*,
// test/query-plans.*).

/** The statement with `?` placeholders, on one line. */
const textOf = (sql: Prisma.Sql) => sql.sql.replace(/\s+/g, " ").trim();

const NO_FILTER: UserListFilter = { search: null, role: null, isActive: null };
const ID = "01900000-0000-7000-8000-000000000001" as UserId;
const MFA_ENABLED = (table: string) =>
  `EXISTS (SELECT 1 FROM totp_factors WHERE totp_factors.user_id = ${table}id AND totp_factors.enabled_at IS NOT NULL) AS "mfaEnabled"`;
const COLUMNS = `id, username, role, is_active AS "isActive", created_at AS "createdAt", last_log_in_at AS "lastLogInAt", ${MFA_ENABLED("")}`;

function criteria(overrides: Partial<UserListCriteria> = {}): UserListCriteria {
  return { filter: NO_FILTER, sort: { by: "username", order: "asc", after: null }, limit: 21, ...overrides };
}

describe("listUsersSql", () => {
  it("reads a page without search straight from users, in the sort's order, the limit bound", () => {
    const sql = listUsersSql(criteria(), { kind: "keyset" });
    expect(textOf(sql)).toBe(`SELECT ${COLUMNS} FROM users ORDER BY username_key ASC, id ASC LIMIT ?`);
    expect(sql.values).toEqual([21]);
  });

  it("continues after the cursor: a row-value comparison on (sort column, id) in the sort's direction", () => {
    const byName = listUsersSql(
      criteria({ sort: { by: "username", order: "asc", after: { usernameKey: "mary", id: ID } } }),
      {
        kind: "keyset",
      },
    );
    expect(textOf(byName)).toBe(
      `SELECT ${COLUMNS} FROM users WHERE (username_key, id) > (?, ?) ORDER BY username_key ASC, id ASC LIMIT ?`,
    );
    expect(byName.values).toEqual(["mary", ID, 21]);

    const createdAt = new Date("2026-01-02T03:04:05.678Z");
    const byDate = listUsersSql(criteria({ sort: { by: "createdAt", order: "desc", after: { createdAt, id: ID } } }), {
      kind: "keyset",
    });
    expect(textOf(byDate)).toContain("WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC");
    // As SQLite keeps Prisma's DateTimes, so equal instants compare equal.
    expect(byDate.values).toEqual(["2026-01-02T03:04:05.678+00:00", ID, 21]);
  });

  it("binds every filter, and matches search text literally (LIKE's wildcards and escape escaped)", () => {
    const sql = listUsersSql(criteria({ filter: { search: "a_b%c\\", role: "admin", isActive: false } }), {
      kind: "keyset",
    });
    expect(textOf(sql)).toContain("WHERE username_key LIKE ? ESCAPE '\\' AND CAST(role AS TEXT) = ? AND is_active = ?");
    expect(sql.values).toEqual(["%a\\_b\\%c\\\\%", "admin", false, 21]);
  });

  it("reads a searched page's keys from users first, then only the page's rows", () => {
    const sql = listUsersSql(criteria({ filter: { ...NO_FILTER, search: "smith" } }), { kind: "ordered" });
    expect(textOf(sql)).toBe(
      `SELECT users.id, users.username, users.role, users.is_active AS "isActive", users.created_at AS "createdAt", users.last_log_in_at AS "lastLogInAt", ${MFA_ENABLED("users.")} ` +
        `FROM (SELECT id, username_key FROM users WHERE username_key LIKE ? ESCAPE '\\' ORDER BY username_key ASC, id ASC LIMIT ?) AS page ` +
        `JOIN users ON users.id = page.id ORDER BY page.username_key ASC, page.id ASC`,
    );
    expect(sql.values).toEqual(["%smith%", 21]);
  });

  it("reads the page's keys from just the given entries of the trigram table on the matches route", () => {
    const sql = listUsersSql(
      criteria({
        filter: { ...NO_FILTER, search: "ruby.stone" },
        sort: { by: "createdAt", order: "asc", after: null },
      }),
      {
        kind: "matches",
        entries: [3, 5, 8],
      },
    );
    expect(textOf(sql)).toContain(
      "FROM (SELECT id, created_at FROM users_username_search WHERE rowid IN (SELECT value FROM json_each(?)) AND username_key LIKE ?",
    );
    expect(sql.values).toEqual(["[3,5,8]", "%ruby.stone%", 21]);
  });
});

describe("countUsersSql", () => {
  it("counts in users, or in just the given entries of the trigram table", () => {
    const filter = { search: "smith", role: "user", isActive: true } as const;
    expect(textOf(countUsersSql(filter, null))).toBe(
      "SELECT COUNT(*) AS total FROM users WHERE username_key LIKE ? ESCAPE '\\' AND CAST(role AS TEXT) = ? AND is_active = ?",
    );
    const fromEntries = countUsersSql(filter, [1, 2]);
    expect(textOf(fromEntries)).toBe(
      "SELECT COUNT(*) AS total FROM users_username_search WHERE rowid IN (SELECT value FROM json_each(?)) AND username_key LIKE ? ESCAPE '\\' AND CAST(role AS TEXT) = ? AND is_active = ?",
    );
    expect(fromEntries.values).toEqual(["[1,2]", "%smith%", "user", true]);
    expect(textOf(countUsersSql(NO_FILTER, null))).toBe("SELECT COUNT(*) AS total FROM users");
  });
});

describe("searchIndexMatch", () => {
  it("asks the trigram table for a cover of the text's trigrams (every third one, and the last), each quoted", () => {
    const sql = searchIndexMatch("ruby.stone");
    expect(textOf(sql)).toBe("users_username_search MATCH ?");
    expect(sql.values).toEqual(['"rub" AND "y.s" AND "ton" AND "one"']);
    expect(searchIndexMatch("abcdef").values).toEqual(['"abc" AND "def"']);
    expect(searchIndexMatch('a"b').values).toEqual(['"a""b"']);
  });

  it("counts characters, not UTF-16 units, and refuses text shorter than a trigram", () => {
    expect(searchIndexMatch("😀ab").values).toEqual(['"😀ab"']);
    expect(() => searchIndexMatch("ab")).toThrow("shorter than a trigram");
  });
});

describe("searchEntriesSql", () => {
  it("reads at most one entry past the cap, so a common term costs no more to check than a rare one", () => {
    const sql = searchEntriesSql("smith", 38);
    expect(textOf(sql)).toContain(
      "SELECT rowid AS entry FROM users_username_search WHERE users_username_search MATCH ? LIMIT ?",
    );
    expect(sql.values).toEqual(['"smi" AND "ith"', 39]);
  });
});
