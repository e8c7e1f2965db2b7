import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { PrismaClient } from "../generated/prisma/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** Sessions are stored under SHA-256 of their token, so a leaked table opens no session. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface PrismaLuciaAdapterOptions {
  /** A session older than this ends however active it is (Lucia only knows idle expiry). */
  maxLifetimeMs: number;
  now?: () => Date;
}

/**
 * Our own Lucia v3 adapter over Prisma. Lucia hands us the raw token as `sessionId`; every
 * method hashes it before it touches the database. Sessions of deactivated users are
 * treated as absent.
 */
export class PrismaLuciaAdapter implements Adapter {
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PrismaLuciaAdapterOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await withDatabaseErrors(() =>
      this.prisma.session.findUnique({
        where: { id: hashSessionToken(sessionId) },
        include: { user: { select: { id: true, isActive: true } } },
      }),
    );
    if (!row || !row.user.isActive) return [null, null];
    const ageMs = this.now().getTime() - row.createdAt.getTime();
    if (ageMs >= this.options.maxLifetimeMs) {
      await this.deleteSession(sessionId);
      return [null, null];
    }
    return [
      { id: sessionId, userId: row.userId, expiresAt: row.expiresAt, attributes: {} },
      { id: row.user.id, attributes: {} },
    ];
  }

  /** Lucia's contract wants ids here; we can only return the stored hashes. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await withDatabaseErrors(() =>
      this.prisma.session.findMany({ where: { userId } }),
    );
    return rows.map((row) => ({ id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await withDatabaseErrors(() =>
      this.prisma.session.create({
        data: {
          id: hashSessionToken(session.id),
          userId: session.userId,
          expiresAt: session.expiresAt,
          createdAt: this.now(),
        },
      }),
    );
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await withDatabaseErrors(() =>
      this.prisma.session.updateMany({ where: { id: hashSessionToken(sessionId) }, data: { expiresAt } }),
    );
  }

  async deleteSession(sessionId: string): Promise<void> {
    await withDatabaseErrors(() =>
      this.prisma.session.deleteMany({ where: { id: hashSessionToken(sessionId) } }),
    );
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await withDatabaseErrors(() => this.prisma.session.deleteMany({ where: { userId } }));
  }

  async deleteExpiredSessions(): Promise<void> {
    await withDatabaseErrors(() =>
      this.prisma.session.deleteMany({ where: { expiresAt: { lte: this.now() } } }),
    );
  }
}
