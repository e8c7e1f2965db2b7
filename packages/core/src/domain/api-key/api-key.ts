import { DomainValidationError } from "../errors/domain-error";

/** What a key may do: `read` only queries; `full` anything its owner may, but manage keys or two-factor. */
export const API_KEY_SCOPES = ["read", "full"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function parseApiKeyScope(value: string): ApiKeyScope {
  if (!(API_KEY_SCOPES as readonly string[]).includes(value)) {
    throw new DomainValidationError(`Scope must be one of ${API_KEY_SCOPES.join(", ")}.`);
  }
  return value as ApiKeyScope;
}

const NAME_MAX = 64;

/** A key's name, for its owner to tell keys apart: 1–64 characters, no control characters. */
export function parseApiKeyName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > NAME_MAX) {
    throw new DomainValidationError(`Name must be 1–${NAME_MAX} characters long.`);
  }
  // C0 and C1 control characters: names are shown in tables and logs.
  if (
    [...name].some((char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) < 0xa0))
  ) {
    throw new DomainValidationError("Name must not contain control characters.");
  }
  return name;
}

export const API_KEY_DEFAULT_DAYS = 90;
const MAX_DAYS = 365;

/** How long a new key lives: 1–365 whole days, 90 unless said. */
export function parseExpiresInDays(value: number | undefined): number {
  if (value === undefined) return API_KEY_DEFAULT_DAYS;
  if (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
    throw new DomainValidationError(`Expiry must be a whole number of days from 1 to ${MAX_DAYS}.`);
  }
  return value;
}
