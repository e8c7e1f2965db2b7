import {
  AccountInactiveError,
  AlreadyAuthenticatedError,
  InvalidCredentialsError,
  RawPassword,
  Username,
  validateFields,
  type IdentityProvider,
  type PasswordHasher,
  type UserDataMapper,
  type UserId,
  type UserRole,
  type UserService,
} from "@gatehouse/core";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";
import type { RequestSession } from "../request-session";

export interface LogInRequest {
  username: string;
  password: string;
}

export interface LogInResponse {
  id: UserId;
  username: string;
  role: UserRole;
}

/**
 * Checks a username and password and starts a session. An unknown username and a wrong
 * password fail the same way and spend the same hashing work, so neither the answer nor
 * its timing tells whether an account exists.
 */
export class LogInHandler {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly users: UserDataMapper,
    private readonly userService: UserService,
    private readonly hasher: PasswordHasher,
    private readonly session: RequestSession,
    private readonly throttle: AttemptThrottle,
    private readonly clientIp: string,
  ) {}

  async execute(request: LogInRequest): Promise<LogInResponse> {
    if (await this.identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    // Counted before the password is checked: parallel guesses cannot outrun the budget.
    await this.throttle.countLogInAttempt(username.key, this.clientIp);
    const user = await this.users.readByUsername(username);
    if (!user) {
      await this.hasher.spendVerification(password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.userService.verifyPassword(user, password))) throw new InvalidCredentialsError();
    await this.throttle.forgiveLogIn(username.key, this.clientIp);
    // Only someone who knows the password learns that the account is deactivated.
    if (!user.isActive) throw new AccountInactiveError();
    await this.session.start(user.id);
    return { id: user.id, username: user.username.value, role: user.role };
  }
}
