import type { Clock } from "../../domain/ports/clock.port";
import type { UserWrites } from "../common/user-writes";
import type { MfaEnrolment } from "../mfa/mfa-enrolment";
import { reauthenticateWithFactor, type FactorReauthentication } from "../mfa/reauthenticate-with-factor";
import type { AccessRevoker } from "../ports/access-revoker.port";

/**
 * The caller turns two-factor off, with their password and a current code. The factor, its
 * recovery codes and any log-in waiting for a code go; every other session of theirs ends.
 * Refused when REQUIRE_MFA applies and no passkey would be left to satisfy it.
 */
export class DisableMfaInteractor {
  constructor(
    private readonly deps: UserWrites &
      FactorReauthentication & { accessRevoker: AccessRevoker; clock: Clock; enrolment: MfaEnrolment },
  ) {}

  async execute(request: { password: string; code: string }): Promise<{ ok: true }> {
    const { currentUser, users, factors, transactions, audit, accessRevoker, clock, enrolment } = this.deps;
    // Before the password and code are checked, so a refusal spends no recovery code (without
    // an app on, reauthenticateWithFactor answers MFA_NOT_ENABLED as before).
    const caller = await currentUser.getForEnrolment();
    if ((await factors.read(caller.id))?.isEnabled) await enrolment.assertMayRemove(caller, "totp");
    const { user } = await reauthenticateWithFactor(this.deps, request);
    user.markFactorsChanged(clock.now());
    await transactions.run(async () => {
      users.update(user);
      factors.remove(user.id);
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "mfa.disabled", actorId: user.id, targetId: user.id });
    });
    return { ok: true };
  }
}
