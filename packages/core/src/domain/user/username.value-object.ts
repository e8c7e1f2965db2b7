import { DomainValidationError } from "../errors/domain-error";

const ALLOWED_CHARACTERS = /^[A-Za-z0-9._-]+$/;
const LETTER_OR_DIGIT = /[A-Za-z0-9]/;
const TWO_SPECIALS_IN_A_ROW = /[._-]{2}/;

/**
 * A username as people type it. Its `key` (lower-cased) is what makes it unique, so
 * "Alice" and "alice" are the same account name.
 */
export class Username {
  static readonly MIN_LENGTH = 5;
  static readonly MAX_LENGTH = 20;

  private constructor(readonly value: string) {}

  static create(value: string): Username {
    if (value.length < Username.MIN_LENGTH || value.length > Username.MAX_LENGTH) {
      throw new DomainValidationError(
        `Username must be ${Username.MIN_LENGTH}–${Username.MAX_LENGTH} characters long.`,
      );
    }
    if (!ALLOWED_CHARACTERS.test(value)) {
      throw new DomainValidationError("Username may contain only letters, digits, '.', '-' and '_'.");
    }
    if (!LETTER_OR_DIGIT.test(value.at(0)!) || !LETTER_OR_DIGIT.test(value.at(-1)!)) {
      throw new DomainValidationError("Username must start and end with a letter or a digit.");
    }
    if (TWO_SPECIALS_IN_A_ROW.test(value)) {
      throw new DomainValidationError("Username must not contain two of '.', '-', '_' in a row.");
    }
    return new Username(value);
  }

  /** The case-insensitive identity of the name. */
  get key(): string {
    return this.value.toLowerCase();
  }

  equals(other: Username): boolean {
    return this.key === other.key;
  }

  toString(): string {
    return this.value;
  }
}
