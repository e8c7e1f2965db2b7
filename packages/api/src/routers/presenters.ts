import type { AccountView, SessionView, UserListItemWithActions } from "@gatehouse/core";

/** An account as the API sends it: plain JSON, the date as an ISO string. */
export function presentAccount(account: AccountView) {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    isActive: account.isActive,
    createdAt: account.createdAt.toISOString(),
  };
}

/** A row of the users table: the account, its last log-in, and what the caller may do to that user (core's permissions). */
export function presentUser(user: UserListItemWithActions) {
  const { setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions, resetMfa } = user.can;
  return {
    ...presentAccount(user),
    lastLogInAt: user.lastLogInAt?.toISOString() ?? null,
    mfaEnabled: user.mfaEnabled,
    can: { setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions, resetMfa },
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
