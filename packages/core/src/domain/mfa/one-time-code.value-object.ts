import { DomainValidationError } from "../errors/domain-error";

/** A 6-digit code from an authenticator app (RFC 6238). Spaces people type are ignored. */
export class TotpCode {
  private constructor(readonly value: string) {}

  static create(input: string): TotpCode {
    const value = input.replace(/\s/g, "");
    if (!/^\d{6}$/.test(value)) throw new DomainValidationError("Enter the 6-digit code from your authenticator app.");
    return new TotpCode(value);
  }
}

/** Recovery codes: 24 letters and digits of RFC 4648 base32 (120 random bits), shown in four groups. */
export const RECOVERY_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const RECOVERY_CODE_LENGTH = 24;
const RECOVERY_CODE_GROUP = 6;

/**
 * A one-time recovery code as typed: case, spaces and dashes do not matter; `value` is the
 * canonical form that is hashed and compared.
 */
export class RecoveryCode {
  private constructor(readonly value: string) {}

  static create(input: string): RecoveryCode {
    const value = input.toLowerCase().replace(/[\s-]/g, "");
    const wellFormed =
      value.length === RECOVERY_CODE_LENGTH && [...value].every((char) => RECOVERY_CODE_ALPHABET.includes(char));
    if (!wellFormed) {
      throw new DomainValidationError("Enter one of your recovery codes (24 letters and digits, dashes optional).");
    }
    return new RecoveryCode(value);
  }

  /** The code as shown to people: four groups of six, e.g. `abcdef-ghijkl-mnopqr-stuvwx`. */
  get display(): string {
    const groups: string[] = [];
    for (let at = 0; at < this.value.length; at += RECOVERY_CODE_GROUP)
      groups.push(this.value.slice(at, at + RECOVERY_CODE_GROUP));
    return groups.join("-");
  }
}

/** What proves the second factor: a code from the app, or one of the recovery codes. */
export type SecondFactorProof = { kind: "totp"; code: TotpCode } | { kind: "recovery"; code: RecoveryCode };

/**
 * Reads a code people typed where either kind is accepted: six digits are an app's code,
 * anything else must be a recovery code. `field` names the input in the error.
 */
export function parseSecondFactorProof(input: string): SecondFactorProof {
  const compact = input.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: TotpCode.create(compact) };
  try {
    return { kind: "recovery", code: RecoveryCode.create(input) };
  } catch {
    throw new DomainValidationError(
      "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
    );
  }
}
