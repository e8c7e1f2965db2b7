import type { AccessRevoker, UserId } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../../persistence/database-error.translator";
import type { RequestSession } from "../request-session";

/**
 * Ends sessions by deleting their rows through the request's unit of work, so inside a
 * command they end in the same transaction as the change that ends them, and after it:
 * the deletion is queued behind the user's update (a new password, a deactivation), whose
 * row lock a log-in in flight must then wait for (see PrismaLuciaAdapter.setSession).
 * Deleted first, a session a log-in made in between would survive the change.
 */
export class SessionAccessRevoker implements AccessRevoker {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly session: RequestSession,
  ) {}

  async revokeAllSessions(userId: UserId): Promise<void> {
    this.unitOfWork.register((db) => db.session.deleteMany({ where: { userId } }));
  }

  async revokeOtherSessions(userId: UserId): Promise<void> {
    const keep = (await this.session.userId()) === userId ? await this.session.storedId() : null;
    this.unitOfWork.register((db) => db.session.deleteMany({ where: { userId, ...(keep && { id: { not: keep } }) } }));
  }

  async revokeSession(userId: UserId, sessionId: string): Promise<boolean> {
    const { count } = await withDatabaseErrors(() =>
      this.unitOfWork.executor.session.deleteMany({ where: { userId, publicId: sessionId } }),
    );
    return count > 0;
  }
}
