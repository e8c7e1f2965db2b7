import type { SessionReader, SessionView, UserId } from "@gatehouse/core";
import type { PrismaClient } from "../../generated/sqlite/client";
import { withDatabaseErrors } from "../../persistence/database-error.translator";
import type { RequestSession } from "../request-session";

/** A user's live sessions as their owner sees them; the request's own session is marked. */
export class PrismaSessionReader implements SessionReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly session: RequestSession,
  ) {}

  async listSessions(userId: UserId): Promise<SessionView[]> {
    const current = await this.session.storedId();
    const rows = await withDatabaseErrors(() =>
      this.prisma.session.findMany({
        where: { userId, expiresAt: { gt: new Date() } },
        orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }],
      }),
    );
    return rows.map((row) => ({
      id: row.publicId,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      current: row.id === current,
    }));
  }
}
