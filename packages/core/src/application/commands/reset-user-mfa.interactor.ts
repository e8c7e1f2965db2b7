import type { Clock } from "../../domain/ports/clock.port";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { UserWrites } from "../common/user-writes";
import { MfaNotEnabledError } from "../errors/application-error";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";

/**
 * An admin turns off the second factor of someone below them who lost both their app and
 * their recovery codes. The factor and its codes go, and all the target's sessions end: the
 * next log-in is with the password alone, and the user can enrol again.
 */
export class ResetUserMfaInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      factors: TotpFactorDataMapper;
      accessRevoker: AccessRevoker;
      clock: Clock;
    },
  ) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, factors, transactions, audit, accessRevoker, clock } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    if (!(await factors.read(target.id))?.isEnabled) {
      throw new MfaNotEnabledError("This user has not set up two-factor authentication.");
    }
    target.markFactorsChanged(clock.now());
    await transactions.run(async () => {
      users.update(target);
      factors.remove(target.id);
      await accessRevoker.revokeAllSessions(target.id);
      audit.record({ type: "mfa.reset", actorId: actor.id, targetId: target.id });
    });
    return { ok: true };
  }
}
