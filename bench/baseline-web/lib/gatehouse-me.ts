// Gatehouse's `account.me`, written by hand: the work Gatehouse must do per request with no
// layers around it. Shared by the hand-written Next.js route (app/api/raw/me) and the bare
// node:http server (bare-node.ts), so both baselines do exactly the same work:
//
//  - read the `gatehouse_session` cookie (packages/infra/src/auth/lucia.ts; the `__Host-`
//    name is only used on https origins, which the bench does not use),
//  - SHA-256 the token, hex (hashSessionToken in prisma-lucia.adapter.ts),
//  - one prepared statement joining the session to its user (Gatehouse runs that join plus a
//    second read of the user; this baseline gets everything from the join),
//  - the same validity rules as Lucia + our adapter: idle expiry, absolute lifetime, active
//    user (an invalid session is deleted and the cookie cleared), "last used" refreshed at
//    most once a minute, the idle expiry renewed (and the cookie re-sent) once half has passed,
//  - the same JSON as the tRPC response: `{ result: { data: { id, username, role, isActive, createdAt } } }`.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";

export const SESSION_COOKIE = "gatehouse_session";
const LAST_USED_PRECISION_MS = 60_000;

export interface GatehouseMeOptions {
  /** Path of Gatehouse's SQLite file (the `file:` URL's path). */
  databasePath: string;
  /** Gatehouse's SESSION_IDLE_TTL and SESSION_MAX_TTL (defaults: 7 and 30 days). */
  idleTtlSeconds?: number;
  maxTtlSeconds?: number;
}

export interface MeResponse {
  status: number;
  body: string;
  setCookie?: string;
}

interface Row {
  expiresAt: string | number;
  sessionCreatedAt: string | number;
  lastUsedAt: string | number;
  id: string;
  username: string;
  role: string;
  isActive: number | bigint;
  createdAt: string | number;
}

/** Prisma's SQLite adapter stores DateTime as ISO 8601 text with `+00:00` (its default). */
const toStored = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

const UNAUTHORIZED = JSON.stringify({
  error: { message: "You are not logged in.", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } },
});

export function createGatehouseMe(
  options: GatehouseMeOptions,
): (cookieHeader: string | null | undefined) => MeResponse {
  const idleMs = (options.idleTtlSeconds ?? 7 * 24 * 3600) * 1000;
  const maxMs = (options.maxTtlSeconds ?? 30 * 24 * 3600) * 1000;
  const db = new Database(options.databasePath, { fileMustExist: true, timeout: 5_000 });
  const select = db.prepare<[string], Row>(`
    SELECT s.expires_at AS expiresAt, s.created_at AS sessionCreatedAt, s.last_used_at AS lastUsedAt,
           u.id AS id, u.username AS username, u.role AS role, u.is_active AS isActive, u.created_at AS createdAt
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ?`);
  const remove = db.prepare<[string]>("DELETE FROM sessions WHERE id = ?");
  const touch = db.prepare<[string, string]>("UPDATE sessions SET last_used_at = ? WHERE id = ?");
  const renew = db.prepare<[string, string]>("UPDATE sessions SET expires_at = ? WHERE id = ?");
  const blankCookie = `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;

  return (cookieHeader) => {
    const token = readCookie(cookieHeader, SESSION_COOKIE);
    if (!token) return { status: 401, body: UNAUTHORIZED };
    const id = createHash("sha256").update(token).digest("hex");
    const row = select.get(id);
    if (!row) return { status: 401, body: UNAUTHORIZED, setCookie: blankCookie };
    const now = Date.now();
    const expiresAt = new Date(row.expiresAt).getTime();
    if (expiresAt <= now || now - new Date(row.sessionCreatedAt).getTime() >= maxMs || !Number(row.isActive)) {
      remove.run(id);
      return { status: 401, body: UNAUTHORIZED, setCookie: blankCookie };
    }
    if (now - new Date(row.lastUsedAt).getTime() >= LAST_USED_PRECISION_MS) touch.run(toStored(now), id);
    let setCookie: string | undefined;
    if (expiresAt - now < idleMs / 2) {
      const renewed = now + idleMs;
      renew.run(toStored(renewed), id);
      setCookie = `${SESSION_COOKIE}=${token}; Path=/; Expires=${new Date(renewed).toUTCString()}; HttpOnly; SameSite=Lax`;
    }
    const body = JSON.stringify({
      result: {
        data: {
          id: row.id,
          username: row.username,
          role: row.role,
          isActive: Boolean(Number(row.isActive)),
          createdAt: new Date(row.createdAt).toISOString(),
        },
      },
    });
    return { status: 200, body, ...(setCookie && { setCookie }) };
  };
}

/** `file:/abs/path.db` or a plain path. */
export function sqlitePath(value: string): string {
  return value.startsWith("file:") ? value.slice("file:".length) : value;
}
