import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { API_KEY_DEFAULT_DAYS, API_KEY_SCOPES, parseApiKeyName, parseApiKeyScope, parseExpiresInDays } from "./api-key";

describe("parseApiKeyScope", () => {
  it.each(["read", "full"])("takes %s", (scope) => {
    expect(parseApiKeyScope(scope)).toBe(scope);
  });

  it.each(["", "READ", "write", "admin", " read"])("refuses %j, naming the scopes", (scope) => {
    expect(() => parseApiKeyScope(scope)).toThrow(new DomainValidationError("Scope must be one of read, full."));
  });

  it("lists exactly the two scopes", () => {
    expect(API_KEY_SCOPES).toEqual(["read", "full"]);
  });
});

describe("parseApiKeyName", () => {
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
    expect(parseApiKeyName(input)).toBe(name);
  });

  it.each([
    ["nothing", ""],
    ["only spaces", "   "],
    ["65 characters", "x".repeat(65)],
  ])("refuses %s", (_label, input) => {
    expect(() => parseApiKeyName(input)).toThrow(new DomainValidationError(LENGTH_MESSAGE));
  });

  it.each([
    ["a NUL", "a\u0000b"],
    ["a tab inside", "a\tb"],
    ["a unit separator (last C0)", "a\u001fb"],
    ["a DEL", "a\u007fb"],
    ["a C1 control (first)", "a\u0080b"],
    ["a C1 control (last)", "a\u009fb"],
  ])("refuses %s", (_label, input) => {
    expect(() => parseApiKeyName(input)).toThrow(new DomainValidationError(CONTROL_MESSAGE));
  });
});

describe("parseExpiresInDays", () => {
  const MESSAGE = "Expiry must be a whole number of days from 1 to 365.";

  it("is 90 days unless said", () => {
    expect(API_KEY_DEFAULT_DAYS).toBe(90);
    expect(parseExpiresInDays(undefined)).toBe(90);
  });

  it.each([1, 30, 365])("takes %d", (days) => {
    expect(parseExpiresInDays(days)).toBe(days);
  });

  it.each([0, -1, 366, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %d", (days) => {
    expect(() => parseExpiresInDays(days)).toThrow(new DomainValidationError(MESSAGE));
  });
});
