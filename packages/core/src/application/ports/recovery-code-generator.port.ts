import type { RecoveryCode } from "../../domain/mfa/one-time-code.value-object";

/** Makes recovery codes and the one-way form they are stored in. */
export interface RecoveryCodeGenerator {
  /** A new random code (120 bits). */
  generate(): RecoveryCode;
  /** What is stored and compared: a hash the code cannot be read back from. */
  hash(code: RecoveryCode): string;
}
