import type { UserWrites } from "../common/user-writes";
import { reauthenticateWithFactor, type FactorReauthentication } from "../mfa/reauthenticate-with-factor";
import { newRecoveryCodes, type SecondFactorDeps } from "../mfa/second-factor-check";
import type { AccessRevoker } from "../ports/access-revoker.port";

/**
 * The caller replaces their recovery codes (password and a current code first): ten new ones,
 * shown this once; the old ones stop working, and every other session of theirs ends.
 */
export class RegenerateRecoveryCodesInteractor {
  constructor(
    private readonly deps: UserWrites &
      FactorReauthentication &
      Pick<SecondFactorDeps, "recoveryCodes" | "codeGenerator" | "clock"> & { accessRevoker: AccessRevoker },
  ) {}

  async execute(request: { password: string; code: string }): Promise<{ recoveryCodes: string[] }> {
    const { users, recoveryCodes, transactions, audit, accessRevoker, clock } = this.deps;
    const { user } = await reauthenticateWithFactor(this.deps, request);
    const codes = newRecoveryCodes(this.deps);
    user.markFactorsChanged(clock.now());
    await transactions.run(async () => {
      users.update(user);
      recoveryCodes.replace(user.id, codes.hashes);
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "mfa.recovery_codes_regenerated", actorId: user.id, targetId: user.id });
    });
    return { recoveryCodes: codes.shown };
  }
}
