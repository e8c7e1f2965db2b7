import { parseDisplayName } from "../common/display-name";
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

/** A key's name, for its owner to tell keys apart (see parseDisplayName). */
export const parseApiKeyName = parseDisplayName;

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
