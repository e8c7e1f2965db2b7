import {
  AccountInactiveError,
  AlreadyAuthenticatedError,
  InvalidCredentialsError,
  RawPassword,
  Username,
  validateFields,
  type IdentityProvider,
  type MfaChallenges,
  type PasswordHasher,
  type UserId,
  type UserRole,
  type UserService,
} from "@gatehouse/core";
import type { ConcurrencyLimiter } from "../../adapters/concurrency-limiter";
import type { PrismaUserDataMapper } from "../../adapters/prisma-user.data-mapper";
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

/** The password was right and the user has two-factor: the answer is a challenge, not a session. */
export interface MfaRequiredResponse {
  mfaRequired: true;
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
      users: Pick<PrismaUserDataMapper, "readForLogIn">;
      userService: UserService;
      hasher: PasswordHasher;
      session: RequestSession;
      throttle: AttemptThrottle;
      clientIp: string | null;
      audit: PrismaAuditLog;
      challenges: MfaChallenges;
      /** Where log-ins queue for the hasher (see Argon2idPasswordHasher.logInAdmission). */
      admission: Pick<ConcurrencyLimiter, "run">;
    },
  ) {}

  /** Runs under the hasher's admission: under overload, refused before any database work. */
  execute(request: LogInRequest): Promise<LogInResponse | MfaRequiredResponse> {
    return this.deps.admission.run(() => this.logIn(request));
  }

  private async logIn(request: LogInRequest): Promise<LogInResponse | MfaRequiredResponse> {
    const { identity, users, userService, hasher, session, throttle, clientIp, audit, challenges } = this.deps;
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
    // One read, with whether two-factor is on, whatever the name: a right password with
    // two-factor on then does the same work as a wrong one (the read, a hash, one insert), so
    // the time of the answer tells them apart no more than an unknown name's.
    const found = await users.readForLogIn(username);
    if (!found) {
      await hasher.spendVerification(password);
      await audit.recordNow({ type: "user.login_failed", targetId: null, ...attempted });
      throw new InvalidCredentialsError();
    }
    const { user, mfaEnabled } = found;
    if (!(await userService.verifyPassword(user, password))) {
      await audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    if (mfaEnabled && user.isActive) {
      // The account's budget is forgiven only once the second factor passes too: a known
      // password must not reset the count of guessed codes.
      await challenges.issue(user);
      return { mfaRequired: true };
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
