import type { PasswordHash } from "../user/user.entity";
import type { RawPassword } from "../user/raw-password.value-object";

export interface PasswordHasher {
  hash(password: RawPassword): Promise<PasswordHash>;
  verify(hash: PasswordHash, password: RawPassword): Promise<boolean>;
  /**
   * Does the work of one verification against a fixed hash and ignores the result, so that
   * a log-in for an unknown username takes as long as one with a wrong password.
   */
  spendVerification(password: RawPassword): Promise<void>;
}
