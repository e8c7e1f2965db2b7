import type { AuditCriteria } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import type { Prisma } from "../generated/sqlite/client";
import { listAuditEventsSql } from "./audit-list.sql";

// The statement as text and bound values. What it returns, and how SQLite plans it, is pinned
// against real databases (test/audit.integration.test.ts, test/query-plans.integration.test.ts).

/** The statement's WHERE clause and LIMIT, on one line, with `?` placeholders. */
const tailOf = (sql: Prisma.Sql) =>
  sql.sql
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^.* LEFT JOIN users target ON target.id = e.target_id ?/, "");

const NONE: AuditCriteria = {
  type: null,
  actorId: null,
  targetId: null,
  actorUsernameKey: null,
  targetUsernameKey: null,
  involvedUserId: null,
  from: null,
  to: null,
  after: null,
  limit: 51,
};
const ORDER = "ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?";

describe("listAuditEventsSql", () => {
  it("reads every event newest first with both names joined by primary key, the limit bound", () => {
    const sql = listAuditEventsSql(NONE);
    const text = sql.sql.replace(/\s+/g, " ").trim();
    expect(text).toBe(
      `SELECT e.id, e.occurred_at AS "occurredAt", e.type, e.actor_id AS "actorId", actor.username AS "actorUsername", ` +
        `e.target_id AS "targetId", target.username AS "targetUsername", e.attempted_username AS "attemptedUsername", ` +
        `e.method, e.client_ip AS "clientIp", e.request_id AS "requestId" FROM audit_events e ` +
        `LEFT JOIN users actor ON actor.id = e.actor_id LEFT JOIN users target ON target.id = e.target_id ${ORDER}`,
    );
    expect(sql.values).toEqual([51]);
  });

  it("binds each filter on its own column, all together with AND, in a fixed order", () => {
    const sql = listAuditEventsSql({
      ...NONE,
      type: "user.created",
      actorId: "a-1",
      targetId: "t-1",
      actorUsernameKey: "alice",
      targetUsernameKey: "bob.b",
      involvedUserId: "u-1",
      from: new Date("2026-01-01T00:00:00.000Z"),
      to: new Date("2026-02-01T00:00:00.000Z"),
      after: { occurredAt: new Date("2026-01-15T12:00:00.000Z"), id: "e-9" },
      limit: 3,
    });
    expect(tailOf(sql)).toBe(
      "WHERE e.type = ? AND e.actor_id = ? AND e.target_id = ? " +
        "AND e.actor_id = (SELECT id FROM users WHERE username_key = ?) " +
        "AND e.target_id = (SELECT id FROM users WHERE username_key = ?) " +
        "AND (e.actor_id = ? OR e.target_id = ?) AND e.occurred_at >= ? AND e.occurred_at < ? " +
        `AND (e.occurred_at, e.id) < (?, ?) ${ORDER}`,
    );
    expect(sql.values).toEqual([
      "user.created",
      "a-1",
      "t-1",
      "alice",
      "bob.b",
      "u-1",
      "u-1",
      "2026-01-01T00:00:00.000+00:00",
      "2026-02-01T00:00:00.000+00:00",
      "2026-01-15T12:00:00.000+00:00",
      "e-9",
      3,
    ]);
  });

  it.each([
    [{ type: "user.created" }, "WHERE e.type = ?"],
    [{ actorId: "a-1" }, "WHERE e.actor_id = ?"],
    [{ targetId: "t-1" }, "WHERE e.target_id = ?"],
    [{ actorUsernameKey: "alice" }, "WHERE e.actor_id = (SELECT id FROM users WHERE username_key = ?)"],
    [{ targetUsernameKey: "alice" }, "WHERE e.target_id = (SELECT id FROM users WHERE username_key = ?)"],
    [{ involvedUserId: "u-1" }, "WHERE (e.actor_id = ? OR e.target_id = ?)"],
    [{ from: new Date(0) }, "WHERE e.occurred_at >= ?"],
    [{ to: new Date(0) }, "WHERE e.occurred_at < ?"],
  ] as const)("applies %j alone", (filter, where) => {
    expect(tailOf(listAuditEventsSql({ ...NONE, ...filter }))).toBe(`${where} ${ORDER}`);
  });
});
