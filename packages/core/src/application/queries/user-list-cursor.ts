import { DomainValidationError } from "../../domain/errors/domain-error";
import { UserId } from "../../domain/user/user-id.value-object";
import type { SortOrder, UserListItem, UserListSort } from "../ports/user-reader.port";

export const USER_SORT_KEYS = ["username", "createdAt"] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

/*
 * A cursor is opaque to clients: base64url of a small JSON array naming the sort it
 * belongs to and the last row's sort value and id. Everything in it is ASCII (usernames
 * are ASCII, dates are ISO strings, ids are UUIDs), which keeps the codec in plain
 * TypeScript with no runtime library.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function encodeAscii(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i += 3) {
    const [a, b, c] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)];
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[(bits >> 18) & 63]! + ALPHABET[(bits >> 12) & 63]!;
    if (i + 1 < text.length) out += ALPHABET[(bits >> 6) & 63]!;
    if (i + 2 < text.length) out += ALPHABET[bits & 63]!;
  }
  return out;
}

function decodeAscii(encoded: string): string {
  let bits = 0;
  let count = 0;
  let out = "";
  for (const char of encoded) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error("not base64url");
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 255);
    }
  }
  return out;
}

function invalid(message = "Cursor is not valid for this list; start again from the first page."): never {
  throw new DomainValidationError(message);
}

/** The cursor that continues after `item` in the given sort. */
export function encodeUserListCursor(by: UserSortKey, order: SortOrder, item: UserListItem): string {
  const value = by === "username" ? item.username.toLowerCase() : item.createdAt.toISOString();
  return encodeAscii(JSON.stringify([by, order, value, item.id]));
}

/** The keyset position a cursor names; throws `DomainValidationError` for a forged or foreign cursor. */
export function decodeUserListCursor(cursor: string, by: UserSortKey, order: SortOrder): UserListSort {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeAscii(cursor));
  } catch {
    invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((part) => typeof part === "string")) invalid();
  const [cursorBy, cursorOrder, value, rawId] = parsed as [string, string, string, string];
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
