import type { UserId } from "../../domain/user/user-id.value-object";
import type { UserRole } from "../../domain/user/user-role";

/** What a person sees of an account: a query model, not an entity. */
export interface AccountView {
  id: UserId;
  username: string;
  role: UserRole;
  isActive: boolean;
  createdAt: Date;
}

/** One row of the users table. */
export interface UserListItem extends AccountView {
  /** When the user last started a session with their password; null if never. */
  lastLogInAt: Date | null;
  /** Whether the user has two-factor authentication on. */
  mfaEnabled: boolean;
}

export type SortOrder = "asc" | "desc";

/** How to sort, and where the previous page ended (keyset: sort value, then id). */
export type UserListSort =
  | { by: "username"; order: SortOrder; after: { usernameKey: string; id: UserId } | null }
  | { by: "createdAt"; order: SortOrder; after: { createdAt: Date; id: UserId } | null };

export interface UserListFilter {
  /** Lower-case text that the lower-cased username must contain. */
  search: string | null;
  role: UserRole | null;
  isActive: boolean | null;
}

export interface UserListCriteria {
  filter: UserListFilter;
  sort: UserListSort;
  /** How many rows to return at most. */
  limit: number;
}

/** The query side's access to users, shaped for screens rather than for rules. */
export interface UserReader {
  readAccount(id: UserId): Promise<AccountView | null>;
  /** One user as a row of the users table. */
  readListItem(id: UserId): Promise<UserListItem | null>;
  /**
   * Users matching the filter, ordered by the sort value and then by id (both in the sort's
   * order), strictly after `sort.after` when given.
   */
  listUsers(criteria: UserListCriteria): Promise<UserListItem[]>;
  countUsers(filter: UserListFilter): Promise<number>;
}
