import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { SuperAdminExistsError } from "../../domain/errors/domain-error";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user-id.value-object";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { checkNewPassword } from "../common/new-password";
import { validateFields } from "../common/validate-fields";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";
import type { UserReader } from "../ports/user-reader.port";

/**
 * Makes the first and only super admin. Not reachable over HTTP: the operator runs it on
 * the server (the CLI's `bootstrap-super-admin`). A second run is refused, and two
 * concurrent runs cannot both succeed (the database allows one super admin).
 */
export class BootstrapSuperAdminInteractor {
  constructor(
    private readonly userService: UserService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly users: UserDataMapper,
    private readonly reader: UserReader,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: { username: string; password: string }): Promise<{ id: UserId }> {
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    const existing = await this.reader.countUsers({ search: null, role: "super_admin", isActive: null });
    if (existing > 0) throw new SuperAdminExistsError();
    await checkNewPassword(this.passwordPolicy, "password", password);

    const user = await this.userService.createSuperAdmin(username, password);
    return this.transactions.run(async () => {
      this.users.add(user);
      this.audit.record({ type: "user.created", actorId: null, targetId: user.id });
      await this.flusher.flush();
      return { id: user.id };
    });
  }
}
