import { describe, expect, it } from "vitest";
import { parseDisplayName } from "../common/display-name";
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
  // The rules are every display name's (display-name.test.ts).
  it("is parseDisplayName", () => {
    expect(parseApiKeyName).toBe(parseDisplayName);
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
