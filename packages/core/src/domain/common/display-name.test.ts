import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { parseDisplayName } from "./display-name";

describe("parseDisplayName", () => {
  const LENGTH_MESSAGE = "Name must be 1–64 characters long.";
  const CONTROL_MESSAGE = "Name must not contain control characters.";

  it.each([
    ["one character", "a", "a"],
    ["64 characters", "x".repeat(64), "x".repeat(64)],
    ["spaces around it, trimmed", "  CI deploy  ", "CI deploy"],
    ["64 characters once trimmed", ` ${"x".repeat(64)}\t`, "x".repeat(64)],
    ["a space and a tilde", "a ~", "a ~"],
    ["a no-break space and accents (after the C1 range)", "café\u00a0bot", "café\u00a0bot"],
  ])("takes %s", (_label, input, name) => {
    expect(parseDisplayName(input)).toBe(name);
  });

  it.each([
    ["nothing", ""],
    ["only spaces", "   "],
    ["65 characters", "x".repeat(65)],
  ])("refuses %s", (_label, input) => {
    expect(() => parseDisplayName(input)).toThrow(new DomainValidationError(LENGTH_MESSAGE));
  });

  it.each([
    ["a NUL", "a\u0000b"],
    ["a tab inside", "a\tb"],
    ["a unit separator (last C0)", "a\u001fb"],
    ["a DEL", "a\u007fb"],
    ["a C1 control (first)", "a\u0080b"],
    ["a C1 control (last)", "a\u009fb"],
  ])("refuses %s", (_label, input) => {
    expect(() => parseDisplayName(input)).toThrow(new DomainValidationError(CONTROL_MESSAGE));
  });
});
