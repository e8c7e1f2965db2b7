import { DomainValidationError } from "../../domain/errors/domain-error";
import { UserId } from "../../domain/user/user-id.value-object";
import { decodeCursor, encodeCursor } from "../common/cursor-codec";
import type { SortOrder, UserListItem, UserListSort } from "../ports/user-reader.port";

export const USER_SORT_KEYS = ["username", "createdAt"] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

function invalid(message = "Cursor is not valid for this list; start again from the first page."): never {
  throw new DomainValidationError(message);
}

/** The cursor that continues after `item` in the given sort. */
export function encodeUserListCursor(by: UserSortKey, order: SortOrder, item: UserListItem): string {
  const value = by === "username" ? item.username.toLowerCase() : item.createdAt.toISOString();
  return encodeCursor([by, order, value, item.id]);
}

/** The keyset position a cursor names; throws `DomainValidationError` for a forged or foreign cursor. */
export function decodeUserListCursor(cursor: string, by: UserSortKey, order: SortOrder): UserListSort {
  const parts = decodeCursor(cursor, 4) ?? invalid();
  const [cursorBy, cursorOrder, value, rawId] = parts as [string, string, string, string];
  if (cursorBy !== by || cursorOrder !== order) {
    invalid("Cursor belongs to another sort order; start again from the first page.");
  }
  let id: UserId;
  try {
    id = UserId.create(rawId);
  } catch {
    invalid();
  }
  if (by === "username") return { by, order, after: { usernameKey: value, id } };
  const createdAt = new Date(value);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== value) invalid();
  return { by, order, after: { createdAt, id } };
}
