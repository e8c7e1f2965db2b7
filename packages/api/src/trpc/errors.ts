import {
  AccountInactiveError,
  ActivationChangeNotPermittedError,
  AlreadyAuthenticatedError,
  CurrentPasswordInvalidError,
  DomainValidationError,
  InputValidationError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  PasswordUnchangedError,
  PermissionDeniedError,
  RoleChangeNotPermittedError,
  SessionNotFoundError,
  SuperAdminExistsError,
  UsernameTakenError,
  UserNotFoundError,
} from "@gatehouse/core";
import {
  ConcurrentUpdateError,
  DatabaseUnavailableError,
  PasswordHasherBusyError,
  RateLimitedError,
} from "@gatehouse/infra";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { AppCode } from "../app-codes";

/** A mutation from a browser on another origin. */
export class OriginRejectedError extends Error {
  constructor() {
    super("This request did not come from an allowed origin.");
    this.name = "OriginRejectedError";
  }
}

/** A request body over MAX_BODY_BYTES (see http/body-limit.ts). */
export class PayloadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than the limit of ${maxBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The one table from error class to tRPC code and stable `appCode`. Anything not listed
 * is a bug: INTERNAL, a generic message, logged with the request id.
 */
export const ERROR_MAP: ReadonlyArray<readonly [ErrorClass, TRPC_ERROR_CODE_KEY, AppCode]> = [
  [InputValidationError, "BAD_REQUEST", "VALIDATION_FAILED"],
  [DomainValidationError, "BAD_REQUEST", "VALIDATION_FAILED"],
  [NotAuthenticatedError, "UNAUTHORIZED", "NOT_AUTHENTICATED"],
  [InvalidCredentialsError, "UNAUTHORIZED", "INVALID_CREDENTIALS"],
  [AccountInactiveError, "FORBIDDEN", "ACCOUNT_INACTIVE"],
  [AlreadyAuthenticatedError, "FORBIDDEN", "ALREADY_AUTHENTICATED"],
  [OriginRejectedError, "FORBIDDEN", "ORIGIN_REJECTED"],
  [PayloadTooLargeError, "PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"],
  [PermissionDeniedError, "FORBIDDEN", "PERMISSION_DENIED"],
  [RoleChangeNotPermittedError, "FORBIDDEN", "ROLE_CHANGE_NOT_PERMITTED"],
  [ActivationChangeNotPermittedError, "FORBIDDEN", "ACTIVATION_CHANGE_NOT_PERMITTED"],
  [CurrentPasswordInvalidError, "FORBIDDEN", "CURRENT_PASSWORD_INVALID"],
  [PasswordUnchangedError, "BAD_REQUEST", "PASSWORD_UNCHANGED"],
  [UserNotFoundError, "NOT_FOUND", "USER_NOT_FOUND"],
  [SessionNotFoundError, "NOT_FOUND", "SESSION_NOT_FOUND"],
  [UsernameTakenError, "CONFLICT", "USERNAME_TAKEN"],
  [ConcurrentUpdateError, "CONFLICT", "CONCURRENT_UPDATE"],
  [SuperAdminExistsError, "CONFLICT", "SUPER_ADMIN_EXISTS"],
  [RateLimitedError, "TOO_MANY_REQUESTS", "RATE_LIMITED"],
  [PasswordHasherBusyError, "SERVICE_UNAVAILABLE", "SERVICE_BUSY"],
  [DatabaseUnavailableError, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"],
];

export function lookUpError(error: unknown): { code: TRPC_ERROR_CODE_KEY; appCode: AppCode } | null {
  const entry = ERROR_MAP.find(([errorClass]) => error instanceof errorClass);
  return entry ? { code: entry[1], appCode: entry[2] } : null;
}
