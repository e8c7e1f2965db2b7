import type { UserId } from "../../domain/user/user-id.value-object";

/** Users' recovery codes, kept only as hashes (see RecoveryCodeGenerator.hash). */
export interface RecoveryCodeStore {
  /** Registers the replacement of all the user's codes with these hashes. */
  replace(userId: UserId, hashes: readonly string[]): void;
  /** Marks the user's unused code with this hash as used, at once and atomically: false when there is none. */
  use(userId: UserId, hash: string): Promise<boolean>;
  countUnused(userId: UserId): Promise<number>;
}
