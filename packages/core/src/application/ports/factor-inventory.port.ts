import type { UserId } from "../../domain/user/user-id.value-object";

/** The second factors a user has. */
export interface UserFactors {
  /** An authenticator app that is on (confirmed). */
  totp: boolean;
  passkeys: number;
}

/** Where REQUIRE_MFA and the removal rules read which factors a user has (one read). */
export interface FactorInventory {
  of(userId: UserId): Promise<UserFactors>;
}
