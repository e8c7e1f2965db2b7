import { DomainValidationError } from "../errors/domain-error";

const NAME_MAX = 64;

/**
 * A name a user gives one of their credentials (an API key, a passkey) to tell them apart:
 * 1–64 characters after trimming, no control characters (names are shown in tables and logs).
 */
export function parseDisplayName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > NAME_MAX) {
    throw new DomainValidationError(`Name must be 1–${NAME_MAX} characters long.`);
  }
  // C0 and C1 control characters.
  if (
    [...name].some((char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) < 0xa0))
  ) {
    throw new DomainValidationError("Name must not contain control characters.");
  }
  return name;
}
