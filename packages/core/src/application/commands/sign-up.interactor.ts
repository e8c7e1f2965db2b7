import { UsernameTakenError } from "../../domain/errors/domain-error";
import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user.entity";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { checkNewPassword } from "../common/new-password";
import { saveNewUser, type UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import { AlreadyAuthenticatedError } from "../errors/application-error";
import type { IdentityProvider } from "../ports/identity-provider.port";

export interface SignUpRequest {
  username: string;
  password: string;
}

export interface SignUpResponse {
  id: UserId;
}

/** A visitor creates their own account, with the plain `user` role. */
export class SignUpInteractor {
  constructor(
    private readonly deps: UserWrites & {
      identity: IdentityProvider;
      userService: UserService;
      passwordPolicy: PasswordPolicy;
    },
  ) {}

  async execute(request: SignUpRequest): Promise<SignUpResponse> {
    const { identity, users, userService, passwordPolicy } = this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    await checkNewPassword(passwordPolicy, "password", password);
    // The answer says when a name is taken anyway: say so before spending a hash on it.
    // (Two sign-ups racing for one name are settled by the database's unique index.)
    if (await users.readByUsername(username)) throw new UsernameTakenError();
    // Hash before the transaction opens: hashing is slow and needs no lock.
    const user = await userService.createUser(username, password, "user");
    return saveNewUser(this.deps, user, { type: "user.signed_up", actorId: user.id, targetId: user.id });
  }
}
