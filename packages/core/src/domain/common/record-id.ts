import { DomainValidationError } from "../errors/domain-error";

const ID_MAX = 64;

/**
 * An id a caller names one of their records by (a session, an API key, a passkey): checked
 * only for its size, 1–64 characters. An id that names nothing of the caller's is then "not
 * found", exactly like an unknown one, so the check tells nothing about other users' ids.
 * `what` names the field in the message ("Session id").
 */
export function parseRecordId(value: string, what: string): string {
  if (value.length === 0 || value.length > ID_MAX) {
    throw new DomainValidationError(`${what} must be 1–${ID_MAX} characters.`);
  }
  return value;
}
