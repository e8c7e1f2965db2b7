import { describe, expect, it } from "vitest";
import { parseDisplayName } from "../common/display-name";
import { DomainValidationError } from "../errors/domain-error";
import { parsePasskeyId, parsePasskeyName } from "./passkey";

describe("parsePasskeyName", () => {
  // The rules are every display name's (display-name.test.ts).
  it("is parseDisplayName", () => {
    expect(parsePasskeyName).toBe(parseDisplayName);
  });
});

describe("parsePasskeyId", () => {
  it.each([
    ["a UUID", "01900000-0000-7000-8000-000000000001"],
    ["one character", "x"],
    ["64 characters", "x".repeat(64)],
  ])("takes %s as it is", (_label, id) => {
    expect(parsePasskeyId(id)).toBe(id);
  });

  it.each([
    ["nothing", ""],
    ["65 characters", "x".repeat(65)],
  ])("refuses %s", (_label, id) => {
    expect(() => parsePasskeyId(id)).toThrow(new DomainValidationError("Passkey id must be 1–64 characters."));
  });
});
