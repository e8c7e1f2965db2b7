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
    private readonly deps: {
      identity: IdentityProvider;
      users: UserDataMapper;
      userService: UserService;
      hasher: PasswordHasher;
      session: RequestSession;
      throttle: AttemptThrottle;
      clientIp: string | null;
      audit: PrismaAuditLog;
      /** Where log-ins queue for the hasher (see Argon2idPasswordHasher.logInAdmission). */
      admission: Pick<ConcurrencyLimiter, "run">;
    },
  ) {}

  /** Runs under the hasher's admission: under overload, refused before any database work. */
  execute(request: LogInRequest): Promise<LogInResponse> {
    return this.deps.admission.run(() => this.logIn(request));
  }

  private async logIn(request: LogInRequest): Promise<LogInResponse> {
    const { identity, users, userService, hasher, session, throttle, clientIp, audit } = this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    const attempted = { actorId: null, attemptedUsername: username.key };
    try {
      // Counted before the password is checked: parallel guesses cannot outrun the budget.
      await throttle.countLogInAttempt(username.key, clientIp);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await audit.recordNow({ type: "throttle.tripped", targetId: null, ...attempted });
      }
      throw error;
    }
    const user = await users.readByUsername(username);
    if (!user) {
      await hasher.spendVerification(password);
      await audit.recordNow({ type: "user.login_failed", targetId: null, ...attempted });
      throw new InvalidCredentialsError();
    }
    if (!(await userService.verifyPassword(user, password))) {
      await audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    await throttle.forgiveLogIn(username.key, clientIp);
    // Only someone who knows the password learns that the account is deactivated.
    if (!user.isActive) {
      await audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new AccountInactiveError();
    }
    try {
      await session.start(user);
    } catch (error) {
      // The password it checked was replaced, or the user deactivated, meanwhile.
      if (!(error instanceof UserChangedDuringLogInError)) throw error;
      await audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    await audit.recordNow({ type: "user.logged_in", actorId: user.id, targetId: user.id });
    return { id: user.id, username: user.username.value, role: user.role };
  }
}
