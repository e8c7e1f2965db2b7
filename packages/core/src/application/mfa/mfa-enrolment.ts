import { mfaRequiredFor, type MfaRequirement } from "../../domain/mfa/mfa-requirement";
import type { User } from "../../domain/user/user.entity";
import { MfaEnrolmentRequiredError } from "../errors/application-error";
import type { FactorInventory, UserFactors } from "../ports/factor-inventory.port";

/** A factor that can be taken away: the authenticator app, or one passkey. */
export type RemovableFactor = "totp" | "passkey";

/** Either kind of second factor satisfies REQUIRE_MFA: an authenticator app or a passkey. */
export function hasSecondFactor(factors: UserFactors): boolean {
  return factors.totp || factors.passkeys > 0;
}

/**
 * REQUIRE_MFA, in one place: who must have a second factor, whether they have one, and
 * whether one may be taken away.
 */
export class MfaEnrolment {
  constructor(
    readonly requirement: MfaRequirement,
    private readonly factors: FactorInventory,
  ) {}

  /** Nobody must have a second factor. */
  static none(): MfaEnrolment {
    return new MfaEnrolment("none", { of: async () => ({ totp: false, passkeys: 0 }) });
  }

  /** Whether `user` must have a second factor and has none yet. */
  async isMissing(user: User): Promise<boolean> {
    return mfaRequiredFor(this.requirement, user.role) && !hasSecondFactor(await this.factors.of(user.id));
  }

  /**
   * Refuses to take away `factor` when REQUIRE_MFA applies to `user` and nothing else would
   * satisfy it: they would be back to setting up a second factor before anything else.
   */
  async assertMayRemove(user: User, factor: RemovableFactor): Promise<void> {
    if (!mfaRequiredFor(this.requirement, user.role)) return;
    const { totp, passkeys } = await this.factors.of(user.id);
    const left = factor === "totp" ? { totp: false, passkeys } : { totp, passkeys: passkeys - 1 };
    if (!hasSecondFactor(left)) {
      throw new MfaEnrolmentRequiredError(
        "Your account must keep a second factor: add another passkey or an authenticator app before removing this one.",
      );
    }
  }
}
