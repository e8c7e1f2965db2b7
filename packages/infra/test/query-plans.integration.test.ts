import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityCountCriteria, AuditCriteria } from "@gatehouse/core";
import { countActiveSessionsSql, countActivitySql, countUsersByRoleSql } from "../src/audit/activity-counts.sql";
import { listAuditEventsSql } from "../src/audit/audit-list.sql";
import type { Prisma } from "../src/generated/sqlite/client";
import type { DatabaseProvider } from "../src/persistence/database-url";
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

/** A statement as SQL text with its values inlined (PostgreSQL's timestamps typed, as Prisma binds them). */
function inlined(statement: Prisma.Sql, provider: DatabaseProvider): string {
  let index = 0;
  return statement.sql.replace(/\?/g, () => {
    const value = String(statement.values[index++]);
    const isTime = /^\d{4}-\d\d-\d\dT/.test(value);
    return provider === "postgresql" && isTime ? `'${value}'::timestamp` : `'${value}'`;
  });
}

const DAY_MS = 86_400_000;

/** The overview's statements (activity-counts.sql.ts), over the last day or week before now. */
function overviewStatements(provider: DatabaseProvider): Array<[string, string]> {
  const now = new Date();
  const counted: ActivityCountCriteria["types"] = [
    "user.signed_up",
    "user.logged_in",
    "user.login_failed",
    "throttle.tripped",
  ];
  const chart = (bucket: "hour" | "day", days: number) =>
    inlined(
      countActivitySql(provider, { types: counted, from: new Date(now.getTime() - days * DAY_MS), to: now, bucket }),
      provider,
    );
  return [
    ["hourly chart", chart("hour", 1)],
    ["daily chart", chart("day", 7)],
    ["active sessions", inlined(countActiveSessionsSql(now, new Date(now.getTime() - DAY_MS)), provider)],
    ["users by role", inlined(countUsersByRoleSql(), provider)],
  ];
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

  it("counts each overview chart with a range seek on the (type, occurred_at) index, no table rows", async () => {
    for (const [, sql] of overviewStatements("sqlite").slice(0, 2)) {
      const detail = await plan(sql);
      expect(detail).toMatch(
        /SEARCH audit_events USING COVERING INDEX audit_events_type_occurred_at_idx \(type=\? AND occurred_at>\? AND occurred_at<\?\)/,
      );
      expect(detail).not.toMatch(/SCAN audit_events/);
    }
  });

  it("counts live sessions through the expires_at index and users by role from the (role, is_active) index alone", async () => {
    const statements = new Map(overviewStatements("sqlite"));
    expect(await plan(statements.get("active sessions")!)).toMatch(
      /SEARCH sessions USING INDEX sessions_expires_at_idx \(expires_at>\?\)/,
    );
    const byRole = await plan(statements.get("users by role")!);
    expect(byRole).toMatch(/SCAN users USING COVERING INDEX users_role_is_active_idx/);
    expect(byRole).not.toMatch(/TEMP B-TREE/);
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
    await fillPostgresActivityForThePlanner(app);
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

  const OVERVIEW_INDEXES: Record<string, string> = {
    "hourly chart": "audit_events_type_occurred_at_idx",
    "daily chart": "audit_events_type_occurred_at_idx",
    "active sessions": "sessions_expires_at_idx",
    "users by role": "users_role_is_active_idx",
  };

  it.each(overviewStatements("postgresql"))(
    "counts the overview's %s through its index, never a sequential scan",
    async (name, sql) => {
      const detail = await plan(sql);
      expect(detail).toMatch(new RegExp(`Index (Only )?Scan using ${OVERVIEW_INDEXES[name]}`));
      expect(detail).not.toMatch(/Seq Scan/);
    },
  );
});

/**
 * A month of audit events (a minute apart, the counted types a third of them) and a session per
 * user, half of them expired, so the planner weighs the overview's statements as on a busy server.
 */
async function fillPostgresActivityForThePlanner(app: TestApp): Promise<void> {
  await app.prisma.$executeRawUnsafe(`
    INSERT INTO audit_events (id, occurred_at, type)
    SELECT 'e' || n, now() AT TIME ZONE 'UTC' - n * interval '1 minute',
           (ARRAY['user.signed_up', 'user.logged_in', 'user.login_failed', 'throttle.tripped', 'user.created',
                  'user.logged_out', 'user.password_changed', 'sessions.ended', 'mfa.enabled', 'api_key.created',
                  'user.activated', 'user.deactivated'])[1 + n % 12]
    FROM generate_series(1, 43200) AS n`);
  await app.prisma.$executeRawUnsafe(`
    INSERT INTO sessions (id, public_id, user_id, expires_at, created_at, last_used_at)
    SELECT 's' || n, 'p' || n, 'u' || n, now() AT TIME ZONE 'UTC' + (n - 10000) * interval '1 minute',
           now() AT TIME ZONE 'UTC' - interval '1 hour', now() AT TIME ZONE 'UTC'
    FROM generate_series(1, 20000) AS n`);
  await app.prisma.$executeRawUnsafe("VACUUM ANALYZE audit_events");
  await app.prisma.$executeRawUnsafe("VACUUM ANALYZE sessions");
}
