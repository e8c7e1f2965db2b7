import type { UserService } from "../../domain/user/user.service";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { UserWrites } from "../common/user-writes";
import type { AccessRevoker } from "../ports/access-revoker.port";

/**
 * An admin stops a user below them from logging in; every session of that user ends with
 * the same commit. Deactivating twice changes nothing, but still makes sure no session is left.
 */
export class DeactivateUserInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      userService: UserService;
      accessRevoker: AccessRevoker;
    },
  ) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, userService, accessRevoker, transactions, audit } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId, (user) => user.assertActivationCanChange());

    const changed = userService.setActivation(target, false);
    return transactions.run(async () => {
      if (changed) {
        users.update(target);
        audit.record({ type: "user.deactivated", actorId: actor.id, targetId: target.id });
      }
      await accessRevoker.revokeAllSessions(target.id);
      return { ok: true as const };
    });
  }
}
