import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { SuperAdminExistsError } from "../../domain/errors/domain-error";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user-id.value-object";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { checkNewPassword } from "../common/new-password";
import { saveNewUser, type UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import type { UserReader } from "../ports/user-reader.port";

/**
 * Makes the first and only super admin. Not reachable over HTTP: the operator runs it on
 * the server (the CLI's `bootstrap-super-admin`). A second run is refused, and two
 * concurrent runs cannot both succeed (the database allows one super admin).
 */
export class BootstrapSuperAdminInteractor {
  constructor(
    private readonly deps: UserWrites & {
      userService: UserService;
      passwordPolicy: PasswordPolicy;
      reader: UserReader;
    },
  ) {}

  async execute(request: { username: string; password: string }): Promise<{ id: UserId }> {
    const { reader, userService, passwordPolicy } = this.deps;
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    const existing = await reader.countUsers({ search: null, role: "super_admin", isActive: null });
    if (existing > 0) throw new SuperAdminExistsError();
    await checkNewPassword(passwordPolicy, "password", password);

    const user = await userService.createSuperAdmin(username, password);
    return saveNewUser(this.deps, user, { type: "user.created", actorId: null, targetId: user.id });
  }
}
