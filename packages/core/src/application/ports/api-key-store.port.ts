import type { ApiKeyScope } from "../../domain/api-key/api-key";
import type { UserId } from "../../domain/user/user-id.value-object";

/** A key as its owner (and their admins) see it: never the key itself. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's first characters, to recognise it by. */
  prefix: string;
  scope: ApiKeyScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/** A key to keep: only the hash of the secret part is stored. */
export interface NewApiKey extends Omit<ApiKeyView, "lastUsedAt"> {
  userId: UserId;
  hash: string;
}

/**
 * Users' API keys. `add` and `revokeAllOf` register the change with the unit of work;
 * `revoke` revokes at once and says whether the user had such a live key.
 */
export interface ApiKeyStore {
  add(key: NewApiKey): void;
  /** The user's keys that are not revoked (expired ones included, to be seen and revoked), newest first. */
  listOf(userId: UserId): Promise<ApiKeyView[]>;
  revoke(userId: UserId, keyId: string): Promise<boolean>;
  revokeAllOf(userId: UserId): void;
}
