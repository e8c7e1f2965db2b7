import type { Username } from "../../domain/user/username.value-object";

/**
 * The account's budget of password guesses, the one log-in spends too: whenever someone
 * types the account's password to prove who they are, the attempt counts before it is
 * checked, and a correct one forgives the count. Over budget, `count` throws (RATE_LIMITED).
 */
export interface PasswordAttempts {
  count(username: Username): Promise<void>;
  forgive(username: Username): Promise<void>;
}
