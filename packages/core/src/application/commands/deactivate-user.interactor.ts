import type { UserService } from "../../domain/user/user.service";
import { authorize, canAdministerUsers, canManageSubordinate } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadTargetUser } from "../common/load-user";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/**
 * An admin stops a user below them from logging in; every session of that user ends with
 * the same commit. Deactivating twice changes nothing, but still makes sure no session is left.
 */
export class DeactivateUserInteractor {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly userService: UserService,
    private readonly users: UserDataMapper,
    private readonly accessRevoker: AccessRevoker,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadTargetUser(this.users, request.userId);
    target.assertActivationCanChange(); // the super admin's own error comes before the hierarchy's
    authorize(canManageSubordinate, { actor, target });

    const changed = this.userService.setActivation(target, false);
    return this.transactions.run(async () => {
      if (changed) {
        this.users.update(target);
        this.audit.record({ type: "user.deactivated", actorId: actor.id, targetId: target.id });
      }
      await this.accessRevoker.revokeAllSessions(target.id);
      await this.flusher.flush();
      return { ok: true as const };
    });
  }
}
