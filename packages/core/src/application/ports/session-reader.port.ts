import type { UserId } from "../../domain/user/user-id.value-object";

/** One session as its owner or an admin sees it: never the token. */
export interface SessionView {
  /** The public id, made for naming the session; unrelated to its token. */
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  /** Whether this is the session making the request. */
  current: boolean;
}

export interface SessionReader {
  /** The user's live sessions, most recently used first. */
  listSessions(userId: UserId): Promise<SessionView[]>;
}
