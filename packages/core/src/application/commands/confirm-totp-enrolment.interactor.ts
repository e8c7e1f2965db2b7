import { TotpCode } from "../../domain/mfa/one-time-code.value-object";
import type { CurrentUser } from "../common/current-user";
import type { UserWrites } from "../common/user-writes";
import { validateFields } from "../common/validate-fields";
import { InvalidMfaCodeError, MfaAlreadyEnabledError, MfaNotEnabledError } from "../errors/application-error";
import { newRecoveryCodes, totpSecretOf, type SecondFactorDeps } from "../mfa/second-factor-check";
import type { AccessRevoker } from "../ports/access-revoker.port";

/**
 * The caller proves their app works by typing a code it made from the pending secret. The
 * factor is then on (that code's time step is used), ten recovery codes are made and shown
 * this once, and every other session of theirs ends (a factor change re-draws who is in).
 */
export class ConfirmTotpEnrolmentInteractor {
  constructor(
    private readonly deps: UserWrites &
      SecondFactorDeps & {
        currentUser: CurrentUser;
        accessRevoker: AccessRevoker;
      },
  ) {}

  async execute(request: { code: string }): Promise<{ recoveryCodes: string[] }> {
    const { currentUser, factors, recoveryCodes, totp, clock, users, transactions, audit, accessRevoker } = this.deps;
    const user = await currentUser.getForEnrolment();
    const { code } = validateFields({ code: () => TotpCode.create(request.code) });
    const factor = await factors.read(user.id);
    if (!factor) throw new MfaNotEnabledError("Start setting up two-factor authentication first.");
    if (factor.isEnabled) throw new MfaAlreadyEnabledError();
    const step = totp.matchingStep(totpSecretOf(this.deps, factor), code.value, clock.now());
    if (step === null) throw new InvalidMfaCodeError();

    const now = clock.now();
    factor.confirm(step, now);
    user.markFactorsChanged(now);
    const codes = newRecoveryCodes(this.deps);
    await transactions.run(async () => {
      users.update(user);
      factors.saveConfirmed(factor);
      recoveryCodes.replace(user.id, codes.hashes);
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "mfa.enabled", actorId: user.id, targetId: user.id });
    });
    return { recoveryCodes: codes.shown };
  }
}
