import type { RawPassword } from "../user/raw-password.value-object";

/**
 * What makes a password too easy to guess beyond its length rule, such as being in a list
 * of common passwords. No composition rules: length and not-common are what protect.
 */
export interface PasswordPolicy {
  /** Why this new password is refused, in words a person can act on; null when it is fine. */
  refusal(password: RawPassword): Promise<string | null>;
}
