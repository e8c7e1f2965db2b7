import { parseDisplayName } from "../common/display-name";
import { DomainValidationError } from "../errors/domain-error";

/** A passkey's name, for its owner to tell their devices apart (see parseDisplayName). */
export const parsePasskeyName = parseDisplayName;

/** Our id of a stored passkey (not the authenticator's credential id): a UUID, as every id we make. */
export function parsePasskeyId(value: string): string {
  if (value.length === 0 || value.length > 64) throw new DomainValidationError("Passkey id must be 1–64 characters.");
  return value;
}
