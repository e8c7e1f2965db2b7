import { authorize, canAdministerUsers, canManageSubordinate } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadTargetUser } from "../common/load-user";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** An admin logs someone below them out everywhere. */
export class EndUserSessionsInteractor {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly users: UserDataMapper,
    private readonly accessRevoker: AccessRevoker,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadTargetUser(this.users, request.userId);
    authorize(canManageSubordinate, { actor, target });
    await this.transactions.run(async () => {
      await this.accessRevoker.revokeAllSessions(target.id);
      this.audit.record({ type: "sessions.ended", actorId: actor.id, targetId: target.id });
    });
    return { ok: true };
  }
}
