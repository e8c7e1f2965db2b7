import type { CurrentUser } from "../common/current-user";
import type { SessionReader, SessionView } from "../ports/session-reader.port";

/** The caller's own sessions, the current one marked. */
export class MySessionsQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly sessions: SessionReader,
  ) {}

  async execute(): Promise<SessionView[]> {
    const user = await this.currentUser.get();
    return this.sessions.listSessions(user.id);
  }
}
