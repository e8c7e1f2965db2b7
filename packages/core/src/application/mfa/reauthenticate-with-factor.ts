import { parseSecondFactorProof } from "../../domain/mfa/one-time-code.value-object";
import type { TotpFactor } from "../../domain/mfa/totp-factor.entity";
import type { User } from "../../domain/user/user.entity";
import type { CurrentUser } from "../common/current-user";
import type { PasswordConfirmation } from "../common/password-confirmation";
import { validateFields } from "../common/validate-fields";
import { MfaNotEnabledError } from "../errors/application-error";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";
import type { SecondFactorCheck } from "./second-factor-check";

export interface FactorReauthentication {
  currentUser: CurrentUser;
  confirmation: PasswordConfirmation;
  factors: TotpFactorDataMapper;
  secondFactor: SecondFactorCheck;
}

/**
 * What turning two-factor off or renewing recovery codes asks first: the caller's password
 * and a current code (from the app, or a recovery code), so a stolen session alone cannot
 * weaken the account. MFA_NOT_ENABLED when there is no factor to prove.
 */
export async function reauthenticateWithFactor(
  { currentUser, confirmation, factors, secondFactor }: FactorReauthentication,
  request: { password: string; code: string },
): Promise<{ user: User; factor: TotpFactor }> {
  const user = await currentUser.getForEnrolment();
  const { code: proof } = validateFields({ code: () => parseSecondFactorProof(request.code) });
  // The code's check forgives the account's count, not the password alone.
  await confirmation.confirmKeepingCount(user, request.password);
  const factor = await factors.read(user.id);
  if (!factor?.isEnabled) throw new MfaNotEnabledError();
  await secondFactor.verify(user, factor, proof);
  return { user, factor };
}
