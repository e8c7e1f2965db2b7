import type { UserService } from "../../domain/user/user.service";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import { saveChangedUser, type UserWrites } from "../common/user-writes";

/** An admin lets a deactivated user below them log in again. Activating twice changes nothing. */
export class ActivateUserInteractor {
  constructor(private readonly deps: UserWrites & { currentUser: CurrentUser; userService: UserService }) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, userService } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId, (user) => user.assertActivationCanChange());

    if (!userService.setActivation(target, true)) return { ok: true };
    return saveChangedUser(this.deps, target, { type: "user.activated", actorId: actor.id, targetId: target.id });
  }
}
