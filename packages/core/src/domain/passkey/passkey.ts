import { parseDisplayName } from "../common/display-name";
import { parseRecordId } from "../common/record-id";

/** A passkey's name, for its owner to tell their devices apart (see parseDisplayName). */
export const parsePasskeyName = parseDisplayName;

/** Our id of a stored passkey (not the authenticator's credential id): a UUID, as every id we make. */
export const parsePasskeyId = (value: string): string => parseRecordId(value, "Passkey id");
