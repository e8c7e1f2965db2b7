import { RecoveryCode, TotpCode, type SecondFactorProof } from "../../domain/mfa/one-time-code.value-object";
import type { User } from "../../domain/user/user.entity";
import { validateFields } from "../common/validate-fields";
import {
  AlreadyAuthenticatedError,
  InputValidationError,
  InvalidMfaCodeError,
  MfaChallengeExpiredError,
} from "../errors/application-error";
import type { SecondFactorCheck } from "../mfa/second-factor-check";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { MfaChallenges } from "../ports/mfa-challenges.port";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

export interface CompleteMfaLogInRequest {
  code?: string;
  recoveryCode?: string;
}

/**
 * The second step of a log-in: the caller answers their challenge with a code from their app
 * or a recovery code. The challenge dies when it is used, used up (its attempts are counted
 * before the code is checked), expired, or when the user's credentials or factors changed
 * since the password was checked. Returns the user a session may now be started for.
 */
export class CompleteMfaLogInInteractor {
  constructor(
    private readonly deps: {
      identity: IdentityProvider;
      users: UserDataMapper;
      challenges: MfaChallenges;
      factors: TotpFactorDataMapper;
      secondFactor: SecondFactorCheck;
    },
  ) {}

  async execute(request: CompleteMfaLogInRequest): Promise<{ user: User; usedRecoveryCode: boolean }> {
    const { identity, users, challenges, factors, secondFactor } = this.deps;
    if (await identity.isAuthenticated()) throw new AlreadyAuthenticatedError();
    const proof = parseAnswer(request);
    const challenge = await challenges.attempt();
    if (!challenge) throw new MfaChallengeExpiredError();

    const user = await users.readById(challenge.userId);
    const factor = user && (await factors.read(user.id));
    if (!user?.isActive || user.version !== challenge.userVersion || !factor?.isEnabled) {
      await challenges.end();
      throw new MfaChallengeExpiredError();
    }
    try {
      await secondFactor.verify(user, factor, proof);
    } catch (error) {
      if (error instanceof InvalidMfaCodeError && challenge.attemptsLeft === 0) await challenges.end();
      throw error;
    }
    // Two right answers in parallel: only the one that ends the challenge logs in.
    if (!(await challenges.end())) throw new MfaChallengeExpiredError();
    return { user, usedRecoveryCode: proof.kind === "recovery" };
  }
}

/** Exactly one of `code` (from the app) and `recoveryCode`. */
function parseAnswer({ code, recoveryCode }: CompleteMfaLogInRequest): SecondFactorProof {
  if ((code === undefined) === (recoveryCode === undefined)) {
    const message = "Enter either the code from your authenticator app or a recovery code.";
    throw new InputValidationError({ code: [message], recoveryCode: [message] });
  }
  if (code !== undefined) return { kind: "totp", code: validateFields({ code: () => TotpCode.create(code) }).code };
  return {
    kind: "recovery",
    code: validateFields({ recoveryCode: () => RecoveryCode.create(recoveryCode!) }).recoveryCode,
  };
}
