import type { CurrentUser } from "../common/current-user";
import type { RecoveryCodeStore } from "../ports/recovery-code-store.port";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";

export interface MfaStatus {
  totpEnabled: boolean;
  /** Unused recovery codes (0 while two-factor is off). */
  recoveryCodesLeft: number;
  enabledAt: Date | null;
}

/** The caller's two-factor state. Readable even before an enrolment REQUIRE_MFA asks for. */
export class MfaStatusQuery {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      factors: TotpFactorDataMapper;
      recoveryCodes: RecoveryCodeStore;
    },
  ) {}

  async execute(): Promise<MfaStatus> {
    const { currentUser, factors, recoveryCodes } = this.deps;
    const user = await currentUser.getForEnrolment();
    const factor = await factors.read(user.id);
    if (!factor?.isEnabled) return { totpEnabled: false, recoveryCodesLeft: 0, enabledAt: null };
    return {
      totpEnabled: true,
      recoveryCodesLeft: await recoveryCodes.countUnused(user.id),
      enabledAt: factor.enabledAt,
    };
  }
}
