import { hash, randomUUID } from "node:crypto";
import type { AccountView } from "@gatehouse/core";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { Prisma, type PrismaClient } from "../generated/sqlite/client";
import type { DatabaseProvider } from "../persistence/database-url";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import type { SessionCheck } from "./session-check";

/** Sessions are stored under SHA-256 of their token, so a leaked table opens no session. */
export function hashSessionToken(token: string): string {
  return hash("sha256", token, "hex");
}

/**
 * The session owner's account as read by the session check itself (the same row, in the
 * same query), so a request that needs it (account.me, most pages) does not read it again.
 */
export interface SessionAccountAttributes {
  account: AccountView;
}

/** Who opened a session: shown to its owner so they can recognise it. */
export interface SessionClient {
  ipAddress: string | null;
  userAgent: string | null;
}

/** What a new session is made with: who opens it, and the user as the log-in read them. */
export interface SessionStart extends SessionClient {
  /** The user's `version` when the log-in read them and checked the password. */
  userVersion: number;
}

/**
 * The log-in read a user whose credentials or activation have changed since (a new
 * password, an admin's reset, a deactivation): no session is made from what it checked.
 */
export class UserChangedDuringLogInError extends Error {
  constructor() {
    super("The user changed while logging in.");
    this.name = "UserChangedDuringLogInError";
  }
}

const MAX_USER_AGENT = 256;
const MAX_IP_ADDRESS = 64;
/** "Last used" is refreshed at most this often, so validation stays read-only between. */
const LAST_USED_PRECISION_MS = 60_000;

export interface PrismaLuciaAdapterOptions {
  /** A session older than this ends however active it is (Lucia only knows idle expiry). */
  maxLifetimeMs: number;
  now?: () => Date;
}

/**
 * Our own Lucia v3 adapter. Lucia hands us the raw token as `sessionId`; every method hashes
 * it before it touches the database. Sessions of deactivated users are treated as absent.
 * The session check reads through `SessionCheck` (a prepared statement on the driver); every
 * write goes through Prisma.
 */
export class PrismaLuciaAdapter implements Adapter {
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly provider: DatabaseProvider,
    private readonly sessionCheck: SessionCheck,
    private readonly options: PrismaLuciaAdapterOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The hot path: runs on every authenticated request. One indexed read of the session
   * joined to its user (whose account fields come along, see SessionAccountAttributes); no
   * write unless the session must end or its "last used" is a minute old.
   */
  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await withDatabaseErrors(() => this.sessionCheck.find(hashSessionToken(sessionId)));
    if (!row) return [null, null];
    const tooOld = this.now().getTime() - row.createdAt.getTime() >= this.options.maxLifetimeMs;
    if (tooOld || !row.owner.isActive) {
      // A session past its absolute lifetime, or of a deactivated user, is revoked on access.
      await this.deleteSession(sessionId);
      return [null, null];
    }
    const now = this.now();
    if (now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      await withDatabaseErrors(() =>
        this.prisma.session.updateMany({ where: { id: hashSessionToken(sessionId) }, data: { lastUsedAt: now } }),
      );
    }
    return [
      { id: sessionId, userId: row.owner.id, expiresAt: row.expiresAt, attributes: {} },
      { id: row.owner.id, attributes: { account: row.owner } },
    ];
  }

  /** Lucia's contract wants ids here; we can only return the stored hashes. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await withDatabaseErrors(() => this.prisma.session.findMany({ where: { userId } }));
    return rows.map((row) => ({ id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} }));
  }

  /**
   * Runs on every log-in, as one transaction of two conditional statements: the user's last
   * log-in is written and the session made only while the user is still active and at the
   * version the log-in read (a password change, an admin's reset or a deactivation bumps it),
   * so a log-in that checked a password a moment before it was replaced gets no session
   * (UserChangedDuringLogInError). On PostgreSQL the UPDATE locks the user's row: a change in
   * flight is waited for, then seen (nothing matches), and a change that comes after waits
   * for this commit, then ends the new session with the others. SQLite runs one write at a
   * time, so the transaction cannot fall inside another's.
   * Written as SQL for the same reason as the session check. Dates are bound as JS Dates,
   * which both drivers store as Prisma's ORM does (see the round-trip test).
   */
  async setSession(session: DatabaseSession): Promise<void> {
    const start = session.attributes as Partial<SessionStart>;
    if (typeof start.userVersion !== "number")
      throw new Error("A session is made with the user's version (SessionStart).");
    const now = this.now();
    const ipAddress = start.ipAddress?.slice(0, MAX_IP_ADDRESS) ?? null;
    const userAgent = start.userAgent?.slice(0, MAX_USER_AGENT) ?? null;
    const unchangedUser = Prisma.sql`id = ${session.userId} AND version = ${start.userVersion} AND is_active`;
    // The user's last log-in first: on PostgreSQL that takes the user's row lock at once (a
    // shared lock upgraded later could deadlock with a change waiting for it).
    const [updated] = await withDatabaseErrors(() =>
      this.prisma.$transaction([
        this.prisma.$executeRaw`UPDATE users SET last_log_in_at = ${now} WHERE ${unchangedUser}`,
        this.prisma.$executeRaw`
          INSERT INTO sessions (id, public_id, user_id, expires_at, created_at, last_used_at, ip_address, user_agent)
          SELECT ${hashSessionToken(session.id)}, ${randomUUID()}, id, ${session.expiresAt},
                 ${now}, ${now}, ${ipAddress}, ${userAgent}
          FROM users
          WHERE ${unchangedUser}`,
      ]),
    );
    if (updated === 0) throw new UserChangedDuringLogInError();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await withDatabaseErrors(() =>
      this.prisma.session.updateMany({ where: { id: hashSessionToken(sessionId) }, data: { expiresAt } }),
    );
  }

  async deleteSession(sessionId: string): Promise<void> {
    await withDatabaseErrors(() => this.prisma.session.deleteMany({ where: { id: hashSessionToken(sessionId) } }));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await withDatabaseErrors(() => this.prisma.session.deleteMany({ where: { userId } }));
  }

  /** Purges sessions past their idle expiry or their absolute lifetime. */
  async deleteExpiredSessions(): Promise<void> {
    const now = this.now();
    const bornBefore = new Date(now.getTime() - this.options.maxLifetimeMs);
    await withDatabaseErrors(() =>
      this.prisma.session.deleteMany({
        where: { OR: [{ expiresAt: { lte: now } }, { createdAt: { lte: bornBefore } }] },
      }),
    );
  }
}
