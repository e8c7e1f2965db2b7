import { UsernameTakenError } from "../../domain/errors/domain-error";
import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { UserId } from "../../domain/user/user.entity";
import type { UserService } from "../../domain/user/user.service";
import { Username } from "../../domain/user/username.value-object";
import { checkNewPassword } from "../common/new-password";
import { validateFields } from "../common/validate-fields";
import { AlreadyAuthenticatedError } from "../errors/application-error";
import type { AuditLog } from "../ports/audit-log.port";
import type { Flusher } from "../ports/flusher.port";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { TransactionManager } from "../ports/transaction-manager.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

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
    private readonly identity: IdentityProvider,
    private readonly userService: UserService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly users: UserDataMapper,
    private readonly flusher: Flusher,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(request: SignUpRequest): Promise<SignUpResponse> {
    if (await this.identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    await checkNewPassword(this.passwordPolicy, "password", password);
    // The answer says when a name is taken anyway: say so before spending a hash on it.
    // (Two sign-ups racing for one name are settled by the database's unique index.)
    if (await this.users.readByUsername(username)) throw new UsernameTakenError();
    // Hash before the transaction opens: hashing is slow and needs no lock.
    const user = await this.userService.createUser(username, password, "user");
    return this.transactions.run(async () => {
      this.users.add(user);
      this.audit.record({ type: "user.signed_up", actorId: user.id, targetId: user.id });
      await this.flusher.flush();
      return { id: user.id };
    });
  }
}
