import type { Clock } from "../../domain/ports/clock.port";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { UserWrites } from "../common/user-writes";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { PasskeyStore } from "../ports/passkey-store.port";

/**
 * An admin removes every passkey of someone below them (a lost or stolen device). They stop
 * working at once and all the target's sessions end; the user logs in with their password
 * (and their app, if on) and can add passkeys again.
 */
export class RemoveUserPasskeysInteractor {
  constructor(
    private readonly deps: UserWrites & {
      currentUser: CurrentUser;
      passkeys: PasskeyStore;
      accessRevoker: AccessRevoker;
      clock: Clock;
    },
  ) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, passkeys, transactions, audit, accessRevoker, clock } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    target.markFactorsChanged(clock.now());
    await transactions.run(async () => {
      users.update(target);
      passkeys.removeAllOf(target.id);
      await accessRevoker.revokeAllSessions(target.id);
      audit.record({ type: "passkey.removed", actorId: actor.id, targetId: target.id });
    });
    return { ok: true };
  }
}
