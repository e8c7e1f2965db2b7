import type { UserId } from "../../domain/user/user-id.value-object";

/**
 * Ends sessions. Called inside the command's transaction, so sessions end exactly when
 * the change that ends them commits.
 */
export interface AccessRevoker {
  /** Ends every session of the user. */
  revokeAllSessions(userId: UserId): Promise<void>;
  /** Ends every session of the user except the one making this request. */
  revokeOtherSessions(userId: UserId): Promise<void>;
  /** Ends one session of the user, named by its public id; false when the user has no such session. */
  revokeSession(userId: UserId, sessionId: string): Promise<boolean>;
}
