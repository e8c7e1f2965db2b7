import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserService } from "../../domain/user/user.service";
import { authorize, canAdministerUsers, canManageSubordinate } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadTargetUser } from "../common/load-user";
import { checkNewPassword } from "../common/new-password";
import { validateFields } from "../common/validate-fields";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

export interface SetUserPasswordRequest {
  userId: string;
  password: string;
}

/** An admin sets the password of someone below them; all of that user's sessions end. */
export class SetUserPasswordInteractor {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly userService: UserService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly users: UserDataMapper,
    private readonly accessRevoker: AccessRevoker,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: SetUserPasswordRequest): Promise<{ ok: true }> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { password } = validateFields({ password: () => RawPassword.create(request.password) });
    const target = await loadTargetUser(this.users, request.userId);
    authorize(canManageSubordinate, { actor, target });
    await checkNewPassword(this.passwordPolicy, "password", password);

    await this.userService.changePassword(target, password);
    return this.transactions.run(async () => {
      this.users.update(target);
      await this.accessRevoker.revokeAllSessions(target.id);
      this.audit.record({ type: "user.password_set", actorId: actor.id, targetId: target.id });
      await this.flusher.flush();
      return { ok: true as const };
    });
  }
}
