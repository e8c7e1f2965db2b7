import { describe, expect, it } from "vitest";
import type { UserId } from "../../domain/user/user-id.value-object";
import { decodeUserListCursor, encodeUserListCursor } from "./user-list-cursor";

const item = {
  id: "0190f0e4-1234-7abc-8def-0123456789ab" as UserId,
  username: "Mary.Admin",
  role: "admin" as const,
  isActive: true,
  createdAt: new Date("2026-02-03T04:05:06.789Z"),
  lastLogInAt: null,
  mfaEnabled: false,
};

function encodeRaw(parts: unknown): string {
  // the same alphabet as the codec: base64url without padding
  return btoa(JSON.stringify(parts)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

describe("user list cursor", () => {
  it("round-trips a username position (by its case-insensitive key)", () => {
    const cursor = encodeUserListCursor("username", "asc", item);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeUserListCursor(cursor, "username", "asc")).toEqual({
      by: "username",
      order: "asc",
      after: { usernameKey: "mary.admin", id: item.id },
    });
  });

  it("round-trips a createdAt position", () => {
    const cursor = encodeUserListCursor("createdAt", "desc", item);
    expect(decodeUserListCursor(cursor, "createdAt", "desc")).toEqual({
      by: "createdAt",
      order: "desc",
      after: { createdAt: item.createdAt, id: item.id },
    });
  });

  it("is standard base64url of its JSON, so any length encodes", () => {
    for (const username of ["abcde", "abcdef", "abcdefg"]) {
      const cursor = encodeUserListCursor("username", "asc", { ...item, username });
      expect(cursor).toBe(encodeRaw(["username", "asc", username, item.id]));
    }
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", encodeRaw("x").slice(0, 3)],
    ["not an array", encodeRaw({ a: 1 })],
    ["the wrong length", encodeRaw(["username", "asc", "x"])],
    ["a number inside", encodeRaw(["username", "asc", 5, item.id])],
    ["a bad id", encodeRaw(["username", "asc", "x", "nope"])],
    ["a bad date", encodeRaw(["createdAt", "asc", "yesterday", item.id])],
    ["a non-canonical date", encodeRaw(["createdAt", "asc", "2026-02-03", item.id])],
  ])("rejects a cursor with %s", (_label, cursor) => {
    const by = cursor.length > 0 && _label.includes("date") ? "createdAt" : "username";
    expect(() => decodeUserListCursor(cursor, by, "asc")).toThrow("Cursor is not valid for this list");
  });

  it("rejects a cursor of another sort", () => {
    const cursor = encodeUserListCursor("username", "asc", item);
    expect(() => decodeUserListCursor(cursor, "username", "desc")).toThrow("Cursor belongs to another sort order");
  });
});
