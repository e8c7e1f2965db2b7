import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserService } from "../../domain/user/user.service";
import type { CurrentUser } from "../common/current-user";
import { checkNewPassword } from "../common/new-password";
import type { PasswordConfirmation } from "../common/password-confirmation";
import type { UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import { PasswordUnchangedError } from "../errors/application-error";
import type { AccessRevoker } from "../ports/access-revoker.port";

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/**
 * The caller changes their own password. They prove they know the current one (a check that
 * counts against the account's log-in budget, see PasswordConfirmation); the new one must
 * pass the password policy; every other session of theirs ends (a thief's included), the
 * one making the change stays.
 */
export class ChangePasswordInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      userService: UserService;
      passwordPolicy: PasswordPolicy;
      confirmation: PasswordConfirmation;
      accessRevoker: AccessRevoker;
    },
  ) {}

  async execute(request: ChangePasswordRequest): Promise<{ ok: true }> {
    const { currentUser, users, userService, passwordPolicy, confirmation, accessRevoker, transactions, audit } =
      this.deps;
    const user = await currentUser.get();
    const { newPassword } = validateFields({ newPassword: () => RawPassword.create(request.newPassword) });
    const currentPassword = await confirmation.confirm(user, request.currentPassword);
    if (newPassword.equals(currentPassword)) throw new PasswordUnchangedError();
    await checkNewPassword(passwordPolicy, "newPassword", newPassword);

    await userService.changePassword(user, newPassword);
    return transactions.run(async () => {
      users.update(user);
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "user.password_changed", actorId: user.id, targetId: user.id });
      return { ok: true as const };
    });
  }
}
