import type { ApiKeyScope } from "../../domain/api-key/api-key";
import { ApplicationError } from "../errors/application-error";

/** What a call is, as far as a key's scope cares. */
export interface CallKind {
  kind: "query" | "mutation";
  /** The call manages credentials (API keys, two-factor): a person's session only. */
  managesCredentials: boolean;
}

export class ApiKeyScopeError extends ApplicationError {
  readonly code = "API_KEY_SCOPE";

  constructor(message: string) {
    super(message);
  }
}

/**
 * A key acts as its owner (with their current role, checked by each use case as for a
 * session), within its scope: a `read` key only queries, and no key manages keys or
 * two-factor, so a leaked key can neither mint more keys nor lock its owner out.
 */
export function authorizeApiKeyCall(scope: ApiKeyScope, call: CallKind): void {
  if (call.managesCredentials) {
    throw new ApiKeyScopeError("API keys cannot manage API keys or two-factor authentication: log in to do that.");
  }
  if (scope === "read" && call.kind === "mutation") {
    throw new ApiKeyScopeError("This API key may only read (scope read).");
  }
}
