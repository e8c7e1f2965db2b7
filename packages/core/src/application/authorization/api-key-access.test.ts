import { describe, expect, it } from "vitest";
import type { ApiKeyScope } from "../../domain/api-key/api-key";
import { ApiKeyScopeError, authorizeApiKeyCall, type CallKind } from "./api-key-access";

const CREDENTIALS = "API keys cannot manage API keys or two-factor authentication: log in to do that.";
const READ_ONLY = "This API key may only read (scope read).";

// Every scope × kind × managesCredentials: "ok" or the refusal's message (all API_KEY_SCOPE).
const CASES: Array<[ApiKeyScope, CallKind["kind"], boolean, string]> = [
  ["read", "query", false, "ok"],
  ["read", "mutation", false, READ_ONLY],
  ["read", "query", true, CREDENTIALS],
  ["read", "mutation", true, CREDENTIALS],
  ["full", "query", false, "ok"],
  ["full", "mutation", false, "ok"],
  ["full", "query", true, CREDENTIALS],
  ["full", "mutation", true, CREDENTIALS],
];

describe("authorizeApiKeyCall", () => {
  it.each(CASES)("a %s key, a %s, managing credentials %s: %s", (scope, kind, managesCredentials, expected) => {
    let outcome = "ok";
    try {
      authorizeApiKeyCall(scope, { kind, managesCredentials });
    } catch (error) {
      expect(error).toBeInstanceOf(ApiKeyScopeError);
      expect(error).toMatchObject({ code: "API_KEY_SCOPE", name: "ApiKeyScopeError" });
      outcome = (error as Error).message;
    }
    expect(outcome).toBe(expected);
  });
});
