import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user-id.value-object";
import { UserRole } from "../../domain/user/user-role";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { authorize, canAdministerUsers, canManageRole } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { checkNewPassword } from "../common/new-password";
import { validateFields } from "../common/validate-fields";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

export interface CreateUserRequest {
  username: string;
  password: string;
  role: string;
}

/** An admin creates a user; only the super admin creates admins. */
export class CreateUserInteractor {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly userService: UserService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly users: UserDataMapper,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: CreateUserRequest): Promise<{ id: UserId }> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { username, password, role } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
      role: () => UserRole.assignable(request.role),
    });
    authorize(canManageRole, { actor, role });
    await checkNewPassword(this.passwordPolicy, "password", password);

    const user = await this.userService.createUser(username, password, role);
    return this.transactions.run(async () => {
      this.users.add(user);
      this.audit.record({ type: "user.created", actorId: actor.id, targetId: user.id });
      await this.flusher.flush();
      return { id: user.id };
    });
  }
}
