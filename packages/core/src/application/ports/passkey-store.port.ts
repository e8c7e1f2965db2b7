import type { UserId } from "../../domain/user/user-id.value-object";

/** A passkey as its owner (and their admins) see it. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Synced to the owner's other devices by their platform (iCloud Keychain, Google Password Manager…). */
  backedUp: boolean;
}

/** What a signature is checked with: the authenticator's credential id, public key and signature counter. */
export interface PasskeyCredential {
  /** The authenticator's credential id, base64url. */
  credentialId: string;
  /** COSE public key. */
  publicKey: Uint8Array;
  /** The signature counter last seen (0 for authenticators that keep none). */
  counter: number;
  /** Hints for the browser (usb, nfc, ble, internal, hybrid). */
  transports: string[];
}

/** A stored passkey: whose it is and how to check it. */
export interface StoredPasskey extends PasskeyCredential {
  id: string;
  userId: UserId;
}

/** A passkey to keep. */
export interface NewPasskey extends StoredPasskey {
  name: string;
  createdAt: Date;
  backedUp: boolean;
}

/** What a verified log-in changes on the passkey. */
export interface PasskeyUse {
  /** The counter the check was made against: the write happens only if it is still stored. */
  previousCounter: number;
  newCounter: number;
  backedUp: boolean;
  at: Date;
}

/**
 * Users' passkeys. `add` and `removeAllOf` register the change with the unit of work;
 * `rename`, `remove` and `recordUse` write at once and say whether they found their row.
 */
export interface PasskeyStore {
  add(passkey: NewPasskey): void;
  /** The user's passkeys, newest first. */
  listOf(userId: UserId): Promise<PasskeyView[]>;
  /** The credentials the user has, so an authenticator is not registered twice. */
  credentialsOf(userId: UserId): Promise<PasskeyCredential[]>;
  /** The passkey an authenticator's credential id names, whoever's it is. */
  findByCredentialId(credentialId: string): Promise<StoredPasskey | null>;
  rename(userId: UserId, passkeyId: string, name: string): Promise<boolean>;
  remove(userId: UserId, passkeyId: string): Promise<boolean>;
  removeAllOf(userId: UserId): void;
  /**
   * Stores a log-in's counter and time if the counter is still `previousCounter`: of two
   * requests with one assertion, only one can win.
   */
  recordUse(passkeyId: string, use: PasskeyUse): Promise<boolean>;
}
