import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { ApiKeyStore, ApiKeyView } from "../ports/api-key-store.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** An admin looks at the API keys of someone below them. */
export class UserApiKeysQuery {
  constructor(private readonly deps: { currentUser: CurrentUser; users: UserDataMapper; keys: ApiKeyStore }) {}

  async execute(request: { userId: string }): Promise<ApiKeyView[]> {
    const { currentUser, users, keys } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    return keys.listOf(target.id);
  }
}
