import type { UserId } from "../../domain/user/user.entity";

/** Who is calling. */
export interface IdentityProvider {
  /** The caller's user id; throws `NotAuthenticatedError` when there is no valid session. */
  currentUserId(): Promise<UserId>;
  isAuthenticated(): Promise<boolean>;
}
