import type { AccessRevoker, UserId } from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../../persistence/database-error.translator";
import { hashSessionToken } from "../prisma-lucia.adapter";
import type { RequestSession } from "../request-session";

/**
 * Ends sessions by deleting their rows through the request's unit of work, so inside a
 * command they end in the same transaction as the change that ends them.
 */
export class SessionAccessRevoker implements AccessRevoker {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly session: RequestSession,
  ) {}

  async revokeAllSessions(userId: UserId): Promise<void> {
    await withDatabaseErrors(() => this.unitOfWork.executor.session.deleteMany({ where: { userId } }));
  }

  async revokeOtherSessions(userId: UserId): Promise<void> {
    const current = await this.session.get();
    const keep = current && current.userId === userId ? hashSessionToken(current.id) : null;
    await withDatabaseErrors(() =>
      this.unitOfWork.executor.session.deleteMany({ where: { userId, ...(keep && { id: { not: keep } }) } }),
    );
  }
}
