import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { PasskeyStore, PasskeyView } from "../ports/passkey-store.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** An admin looks at the passkeys of someone below them. */
export class UserPasskeysQuery {
  constructor(private readonly deps: { currentUser: CurrentUser; users: UserDataMapper; passkeys: PasskeyStore }) {}

  async execute(request: { userId: string }): Promise<PasskeyView[]> {
    const { currentUser, users, passkeys } = this.deps;
    const actor = await currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(users, actor, request.userId);
    return passkeys.listOf(target.id);
  }
}
