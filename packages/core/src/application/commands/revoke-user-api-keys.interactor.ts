import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { UserWrites } from "../common/user-writes";
import type { ApiKeyStore } from "../ports/api-key-store.port";

/** An admin revokes every API key of someone below them (a leak, a departure). */
export class RevokeUserApiKeysInteractor {
  constructor(private readonly deps: UserWrites & { currentUser: CurrentUser; keys: ApiKeyStore }) {}

  async execute(request: { userId: string }): Promise<{ ok: true }> {
    const { currentUser, users, keys, transactions, audit } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    await transactions.run(async () => {
      keys.revokeAllOf(target.id);
      audit.record({ type: "api_key.revoked", actorId: actor.id, targetId: target.id });
    });
    return { ok: true };
  }
}
