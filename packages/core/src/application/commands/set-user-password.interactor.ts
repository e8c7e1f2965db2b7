import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserService } from "../../domain/user/user.service";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import { checkNewPassword } from "../common/new-password";
import type { UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import type { AccessRevoker } from "../ports/access-revoker.port";

export interface SetUserPasswordRequest {
  userId: string;
  password: string;
}

/** An admin sets the password of someone below them; all of that user's sessions end. */
export class SetUserPasswordInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      userService: UserService;
      passwordPolicy: PasswordPolicy;
      accessRevoker: AccessRevoker;
    },
  ) {}

  async execute(request: SetUserPasswordRequest): Promise<{ ok: true }> {
    const { currentUser, users, userService, passwordPolicy, accessRevoker, transactions, audit } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { password } = validateFields({ password: () => RawPassword.create(request.password) });
    const target = await loadSubordinate(users, actor, request.userId);
    await checkNewPassword(passwordPolicy, "password", password);

    await userService.changePassword(target, password);
    return transactions.run(async () => {
      users.update(target);
      await accessRevoker.revokeAllSessions(target.id);
      audit.record({ type: "user.password_set", actorId: actor.id, targetId: target.id });
      return { ok: true as const };
    });
  }
}
