import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor-codec";

/** Standard base64url (no padding) of the JSON of `value`: what the codec must read. */
function encodeRaw(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

describe("the cursor codec", () => {
  it("writes standard base64url of the parts' JSON and reads it back, at every length", () => {
    for (const parts of [["a"], ["ab", "c"], ["abc", "de", "f"], ["2026-01-01T00:00:00.000Z", "x-y_z~!"]]) {
      const cursor = encodeCursor(parts);
      expect(cursor).toBe(encodeRaw(parts));
      expect(decodeCursor(cursor, parts.length)).toEqual(parts);
    }
  });

  it.each([
    ["a character outside base64url", `${encodeRaw(["ab"]).slice(0, 4)}+${encodeRaw(["ab"]).slice(4)}`],
    // the twelve characters of ["abc","de"] encode to 16 whole characters: a 17th one that is
    // not base64url would otherwise add no byte and go unnoticed
    ["a trailing character outside base64url", `${encodeRaw(["abc", "de"])}!`],
    ["no JSON", encodeRaw(["ab"]).slice(0, 5)],
    ["an empty cursor", ""],
    ["a string as long as the parts wanted", encodeRaw("ab")],
    ["an object", encodeRaw({ length: 2 })],
    ["too few parts", encodeRaw(["a"])],
    ["too many parts", encodeRaw(["a", "b", "c"])],
    ["a part that is not a string", encodeRaw(["a", 2])],
    ["a part that is null", encodeRaw([null, "b"])],
  ])("is null for %s", (_label, cursor) => {
    expect(decodeCursor(cursor, 2)).toBeNull();
  });
});
