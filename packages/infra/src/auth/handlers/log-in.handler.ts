import {
  AccountInactiveError,
  AlreadyAuthenticatedError,
  InvalidCredentialsError,
  mfaRequiredFor,
  RawPassword,
  Username,
  validateFields,
  type IdentityProvider,
  type MfaChallenges,
  type MfaRequirement,
  type PasswordHasher,
  type UserId,
  type UserRole,
  type UserService,
} from "@gatehouse/core";
import type { ConcurrencyLimiter } from "../../adapters/concurrency-limiter";
import type { LogInRead, PrismaUserDataMapper } from "../../adapters/prisma-user.data-mapper";
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

/** What may finish a log-in whose password was right: a code (`account.completeMfa`) or a passkey log-in. */
export type SecondStepMethod = "totp" | "passkey";

/**
 * The password was right and a second factor is due: the answer is a challenge (for a code),
 * not a session. `methods` is there when a passkey log-in (two factors by itself) may finish it;
 * without it, as before passkeys, a code is what finishes it.
 */
export interface MfaRequiredResponse {
  mfaRequired: true;
  methods?: SecondStepMethod[];
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
      /** Who must have a second factor (REQUIRE_MFA): for them a password never suffices. */
      requireMfa: MfaRequirement;
      /** Where log-ins queue for the hasher (see Argon2idPasswordHasher.logInAdmission). */
      admission: Pick<ConcurrencyLimiter, "run">;
    },
  ) {}

  /** Runs under the hasher's admission: under overload, refused before any database work. */
  execute(request: LogInRequest): Promise<LogInResponse | MfaRequiredResponse> {
    return this.deps.admission.run(() => this.logIn(request));
  }

  private async logIn(request: LogInRequest): Promise<LogInResponse | MfaRequiredResponse> {
    const { identity, users, userService, hasher, session, throttle, clientIp, audit, challenges, requireMfa } =
      this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const { username, password } = validateFields({
      username: () => Username.create(request.username),
      password: () => RawPassword.create(request.password),
    });
    const attempted = { actorId: null, attemptedUsername: username.key, method: "password" } as const;
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
    const { user } = found;
    if (!(await userService.verifyPassword(user, password))) {
      await audit.recordNow({ type: "user.login_failed", targetId: user.id, ...attempted });
      throw new InvalidCredentialsError();
    }
    const methods = secondStepMethods(found, requireMfa);
    if (methods.length > 0 && user.isActive) {
      // The account's budget is forgiven only once the second factor passes too: a known
      // password must not reset the count of guessed codes.
      if (methods.includes("totp")) await challenges.issue(user);
      return methods.includes("passkey") ? { mfaRequired: true, methods } : { mfaRequired: true };
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
    await audit.recordNow({ type: "user.logged_in", actorId: user.id, targetId: user.id, method: "password" });
    return { id: user.id, username: user.username.value, role: user.role };
  }
}

/**
 * What must finish a log-in after the right password: the authenticator app when it is on (or
 * a passkey instead, when the user has one); a passkey when REQUIRE_MFA applies to a user whose
 * only second factor it is. Nothing for everyone else.
 */
function secondStepMethods(
  { user, mfaEnabled, hasPasskey }: LogInRead,
  requireMfa: MfaRequirement,
): SecondStepMethod[] {
  const passkey: SecondStepMethod[] = hasPasskey ? ["passkey"] : [];
  if (mfaEnabled) return ["totp", ...passkey];
  return mfaRequiredFor(requireMfa, user.role) ? passkey : [];
}
