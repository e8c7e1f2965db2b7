import { authorize, canAdministerUsers } from "../authorization/permissions";
import type { CurrentUser } from "../common/current-user";
import { loadSubordinate } from "../common/load-subordinate";
import type { SessionReader, SessionView } from "../ports/session-reader.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** An admin looks at the sessions of someone below them. */
export class UserSessionsQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly users: UserDataMapper,
    private readonly sessions: SessionReader,
  ) {}

  async execute(request: { userId: string }): Promise<SessionView[]> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const target = await loadSubordinate(this.users, actor, request.userId);
    return this.sessions.listSessions(target.id);
  }
}
