import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditCriteria } from "@gatehouse/core";
import { listAuditEventsSql } from "../src/audit/audit-list.sql";
import { createTestApp, EVERY_AUDIT_EVENT, fillPostgresUsersForThePlanner, type TestApp } from "./fixtures";

// Keyset pages must be index seeks at any size: the plans below are what keeps a page of a
// million users as cheap as the first page. (pnpm bench measures the timings.)
const KEYSET_BY_USERNAME = `SELECT id FROM users WHERE (username_key, id) > ('m', '0') ORDER BY username_key, id LIMIT 21`;
const KEYSET_BY_CREATED_DESC = `SELECT id FROM users WHERE (created_at, id) < ('2026-06-01T00:00:00.000+00:00', 'z') ORDER BY created_at DESC, id DESC LIMIT 21`;
const SESSION_LOOKUP = `SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = 'abc'`;

/** The audit log's page statement (audit-list.sql.ts) for a given filter, as SQL text with its values inlined. */
function auditPageSql(criteria: Partial<AuditCriteria>): string {
  const { sql, values } = listAuditEventsSql({ ...EVERY_AUDIT_EVENT, limit: 51, ...criteria });
  let index = 0;
  return sql.replace(/\?|\$\d+/g, () => `'${String(values[index++])}'`);
}

describe("query plans on SQLite", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("sqlite");
  });

  afterAll(async () => {
    await app.close();
  });

  const plan = async (sql: string) =>
    (await app.prisma.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`))
      .map((row) => row.detail)
      .join("\n");

  it("seeks the (username_key, id) index for username pages, with no sort step", async () => {
    const detail = await plan(KEYSET_BY_USERNAME);
    expect(detail).toMatch(/SEARCH users USING (COVERING )?INDEX users_username_key_id_idx/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it("seeks the (created_at, id) index for date pages, with no sort step", async () => {
    const detail = await plan(KEYSET_BY_CREATED_DESC);
    expect(detail).toMatch(/SEARCH users USING (COVERING )?INDEX users_created_at_id_idx/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it("reads an audit page with its names by primary keys, and a username filter through two indexes", async () => {
    const all = await plan(auditPageSql({}));
    expect(all).toMatch(/SCAN e USING INDEX audit_events_occurred_at_id_idx/);
    expect(all).toMatch(/SEARCH actor USING INDEX sqlite_autoindex_users_1/);
    expect(all).toMatch(/SEARCH target USING INDEX sqlite_autoindex_users_1/);
    expect(all).not.toMatch(/TEMP B-TREE/);
    const byActor = await plan(auditPageSql({ actorUsernameKey: "alice" }));
    expect(byActor).toMatch(/SEARCH e USING INDEX audit_events_actor_id_occurred_at_idx \(actor_id=\?\)/);
    expect(byActor).toMatch(/SEARCH users USING (COVERING )?INDEX users_username_key_key \(username_key=\?\)/);
    const history = await plan(auditPageSql({ involvedUserId: "u1" }));
    expect(history).toMatch(/audit_events_actor_id_occurred_at_idx/);
    expect(history).toMatch(/audit_events_target_id_occurred_at_idx/);
  });

  it("finds a session and its user by primary keys", async () => {
    const detail = await plan(SESSION_LOOKUP);
    expect(detail).toMatch(/SEARCH s USING INDEX sqlite_autoindex_sessions_1/);
    expect(detail).toMatch(/SEARCH u USING (COVERING )?INDEX sqlite_autoindex_users_1/);
  });
});

describe("query plans on PostgreSQL", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("postgresql");
    await fillPostgresUsersForThePlanner(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const plan = async (sql: string) =>
    (
      await app.prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
        `EXPLAIN ${sql.replace("'2026-06-01T00:00:00.000+00:00'", "'2026-06-01T00:00:00.000'::timestamp")}`,
      )
    )
      .map((row) => row["QUERY PLAN"])
      .join("\n");

  it.each([
    [KEYSET_BY_USERNAME, "users_username_key_id_idx"],
    [KEYSET_BY_CREATED_DESC, "users_created_at_id_idx"],
  ])("pages with an index scan and no sort: %s", async (sql, index) => {
    const detail = await plan(sql);
    expect(detail).toMatch(new RegExp(`Index (Only )?Scan( Backward)? using ${index}`));
    expect(detail).not.toMatch(/Sort/);
  });
});
