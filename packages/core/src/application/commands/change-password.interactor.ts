import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserService } from "../../domain/user/user.service";
import type { CurrentUser } from "../common/current-user";
import { checkNewPassword } from "../common/new-password";
import type { PasswordConfirmation } from "../common/password-confirmation";
import { validateFields } from "../common/validate-fields";
import { PasswordUnchangedError } from "../errors/application-error";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

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
    private readonly currentUser: CurrentUser,
    private readonly userService: UserService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly confirmation: PasswordConfirmation,
    private readonly users: UserDataMapper,
    private readonly accessRevoker: AccessRevoker,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: ChangePasswordRequest): Promise<{ ok: true }> {
    const user = await this.currentUser.get();
    const { newPassword } = validateFields({ newPassword: () => RawPassword.create(request.newPassword) });
    const currentPassword = await this.confirmation.confirm(user, request.currentPassword);
    if (newPassword.equals(currentPassword)) throw new PasswordUnchangedError();
    await checkNewPassword(this.passwordPolicy, "newPassword", newPassword);

    await this.userService.changePassword(user, newPassword);
    return this.transactions.run(async () => {
      this.users.update(user);
      await this.accessRevoker.revokeOtherSessions(user.id);
      this.audit.record({ type: "user.password_changed", actorId: user.id, targetId: user.id });
      await this.flusher.flush();
      return { ok: true as const };
    });
  }
}
