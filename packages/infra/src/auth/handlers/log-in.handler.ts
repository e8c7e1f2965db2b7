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
import type { ConcurrencyLimiter } from "../../adapters/concurrency-limiter";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import { RateLimitedError } from "../../errors/infrastructure-error";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";
import { UserChangedDuringLogInError } from "../prisma-lucia.adapter";
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
    private readonly clientIp: string | null,
    private readonly audit: PrismaAuditLog,
    private readonly admission: Pick<ConcurrencyLimiter, "run">,
  ) {}

  /** Runs under the hasher's admission: under overload, refused before any database work. */
  execute(request: LogInRequest): Promise<LogInResponse> {
    return this.admission.run(() => this.logIn(request));
  }

  private async logIn(request: LogInRequest): Promise<LogInResponse> {
    if (await this.identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    const attempted = { actorId: null, attemptedUsername: username.key };
    try {
      // Counted before the password is checked: parallel guesses cannot outrun the budget.
      await this.throttle.countLogInAttempt(username.key, this.clientIp);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await this.audit.recordNow({ type: "throttle.tripped", targetId: null, ...attempted });
      }
      throw error;
    }
    const user = await this.users.readByUsername(username);
    if (!user) {
      await this.hasher.spendVerification(password);
      await this.audit.recordNow({ type: "user.login_failed", targetId: null, ...attempted });
      throw new InvalidCredentialsError();
    }
    if (!(await this.userService.verifyPassword(user, password))) {
      await this.audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    await this.throttle.forgiveLogIn(username.key, this.clientIp);
    // Only someone who knows the password learns that the account is deactivated.
    if (!user.isActive) {
      await this.audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new AccountInactiveError();
    }
    try {
      await this.session.start(user);
    } catch (error) {
      // The password it checked was replaced, or the user deactivated, meanwhile.
      if (!(error instanceof UserChangedDuringLogInError)) throw error;
      await this.audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    await this.audit.recordNow({ type: "user.logged_in", actorId: user.id, targetId: user.id });
    return { id: user.id, username: user.username.value, role: user.role };
  }
}
