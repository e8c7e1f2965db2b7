import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user-id.value-object";
import { UserRole } from "../../domain/user/user-role";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { authorize, canAdministerUsers, canManageRole } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { checkNewPassword } from "../common/new-password";
import { saveNewUser, type UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";

export interface CreateUserRequest {
  username: string;
  password: string;
  role: string;
}

/** An admin creates a user; only the super admin creates admins. */
export class CreateUserInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      userService: UserService;
      passwordPolicy: PasswordPolicy;
    },
  ) {}

  async execute(request: CreateUserRequest): Promise<{ id: UserId }> {
    const { currentUser, userService, passwordPolicy } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { username, password, role } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
      role: () => UserRole.assignable(request.role),
    });
    authorize(canManageRole, { actor, role });
    await checkNewPassword(passwordPolicy, "password", password);

    const user = await userService.createUser(username, password, role);
    return saveNewUser(this.deps, user, { type: "user.created", actorId: actor.id, targetId: user.id });
  }
}
