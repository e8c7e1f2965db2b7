import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { UserWrites } from "../common/user-writes";
import type { AccessRevoker } from "../ports/access-revoker.port";

/** An admin logs someone below them out everywhere. */
export class EndUserSessionsInteractor {
  constructor(private readonly deps: UserWrites & { currentUser: CurrentUser; accessRevoker: AccessRevoker }) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, accessRevoker, transactions, audit } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    await transactions.run(async () => {
      await accessRevoker.revokeAllSessions(target.id);
      audit.record({ type: "sessions.ended", actorId: actor.id, targetId: target.id });
    });
    return { ok: true };
  }
}
