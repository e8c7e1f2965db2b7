import { DomainValidationError } from "../errors/domain-error";

/**
 * A password as typed, before hashing. NFKC-normalised so that the same password typed on
 * different keyboards (composed or decomposed accents, full-width digits) hashes the same.
 * Length counts characters (code points), never bytes, and nothing is ever truncated.
 */
export class RawPassword {
  static readonly MIN_LENGTH = 8;
  static readonly MAX_LENGTH = 128;

  private constructor(readonly value: string) {}

  static create(value: string): RawPassword {
    const normalized = value.normalize("NFKC");
    const length = [...normalized].length;
    if (length < RawPassword.MIN_LENGTH || length > RawPassword.MAX_LENGTH) {
      throw new DomainValidationError(
        `Password must be ${RawPassword.MIN_LENGTH}–${RawPassword.MAX_LENGTH} characters long.`,
      );
    }
    return new RawPassword(normalized);
  }

  equals(other: RawPassword): boolean {
    return this.value === other.value;
  }

  /** Never print a password by accident. */
  toString(): string {
    return "[password]";
  }

  toJSON(): string {
    return "[password]";
  }
}
