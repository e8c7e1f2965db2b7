import type { SessionView, UserListItem } from "@gatehouse/core";

/** A user row as the API sends it: plain JSON, the date as an ISO string. */
export function presentUser(user: UserListItem) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
  };
}

/** A session as the API sends it: its public id and dates as ISO strings, never the token. */
export function presentSession(session: SessionView) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    ipAddress: session.ipAddress,
    userAgent: session.userAgent,
    current: session.current,
  };
}
