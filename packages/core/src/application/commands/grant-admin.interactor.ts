import type { UserService } from "../../domain/user/user.service";
import { authorize, canManageRole } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import { saveChangedUser, type UserWrites } from "../common/user-writes";

/** The super admin makes a user an admin. Granting it again changes nothing. */
export class GrantAdminInteractor {
  constructor(private readonly deps: UserWrites & { currentUser: CurrentUser; userService: UserService }) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, userService } = this.deps;
    const actor = await currentUser.get();
    authorize(canManageRole, { actor, role: "admin" });
    const target = await loadSubordinate(users, actor, request.userId, (user) => user.assertRoleCanChange());

    if (!userService.grantAdmin(target)) return { ok: true };
    return saveChangedUser(this.deps, target, { type: "user.admin_granted", actorId: actor.id, targetId: target.id });
  }
}
