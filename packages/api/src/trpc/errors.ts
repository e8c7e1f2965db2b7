import {
  AccountInactiveError,
  ApiKeyNotFoundError,
  ApiKeyScopeError,
  ActivationChangeNotPermittedError,
  AlreadyAuthenticatedError,
  CurrentPasswordInvalidError,
  DomainValidationError,
  InputValidationError,
  InvalidCredentialsError,
  InvalidMfaCodeError,
  MfaAlreadyEnabledError,
  MfaChallengeExpiredError,
  MfaEnrolmentRequiredError,
  PasskeyNotFoundError,
  PasskeyRejectedError,
  MfaNotEnabledError,
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
import {
  BatchTooLargeError,
  HeadersTooLargeError,
  InternalError,
  MalformedRequestError,
  MethodNotSupportedError,
  MetricsTokenRequiredError,
  NothingServedError,
  OriginRejectedError,
  PayloadTooLargeError,
} from "../api-errors";

/**
 * An error class of ours. Each carries its stable appCode as `code`: core's errors named it
 * so before there was an API (and programs calling in process read `cause.code`), so infra's
 * and the API's errors use the same name. It is the error's one source; the map below adds
 * only the tRPC code, which the answer carries as `data.code` beside `data.appCode`.
 */
type CodedErrorClass = abstract new (...args: never[]) => Error & { readonly code: string };

/**
 * The one table from error class to tRPC code (and so HTTP status); the appCode is the
 * error's own `code`. Anything not listed is a bug: INTERNAL, a generic message, logged
 * with the request id.
 */
export const ERROR_MAP = [
  [InputValidationError, "BAD_REQUEST"],
  [DomainValidationError, "BAD_REQUEST"],
  [MalformedRequestError, "BAD_REQUEST"],
  [NotAuthenticatedError, "UNAUTHORIZED"],
  [MetricsTokenRequiredError, "UNAUTHORIZED"],
  [InvalidCredentialsError, "UNAUTHORIZED"],
  [InvalidMfaCodeError, "UNAUTHORIZED"],
  [MfaChallengeExpiredError, "UNAUTHORIZED"],
  [MfaAlreadyEnabledError, "CONFLICT"],
  [MfaNotEnabledError, "CONFLICT"],
  [MfaEnrolmentRequiredError, "FORBIDDEN"],
  [ApiKeyScopeError, "FORBIDDEN"],
  [ApiKeyNotFoundError, "NOT_FOUND"],
  [PasskeyRejectedError, "UNAUTHORIZED"],
  [PasskeyNotFoundError, "NOT_FOUND"],
  [AccountInactiveError, "FORBIDDEN"],
  [AlreadyAuthenticatedError, "FORBIDDEN"],
  [OriginRejectedError, "FORBIDDEN"],
  [PayloadTooLargeError, "PAYLOAD_TOO_LARGE"],
  [HeadersTooLargeError, "PAYLOAD_TOO_LARGE"],
  [BatchTooLargeError, "BAD_REQUEST"],
  [PermissionDeniedError, "FORBIDDEN"],
  [RoleChangeNotPermittedError, "FORBIDDEN"],
  [ActivationChangeNotPermittedError, "FORBIDDEN"],
  [CurrentPasswordInvalidError, "FORBIDDEN"],
  [PasswordUnchangedError, "BAD_REQUEST"],
  [UserNotFoundError, "NOT_FOUND"],
  [SessionNotFoundError, "NOT_FOUND"],
  [NothingServedError, "NOT_FOUND"],
  [MethodNotSupportedError, "METHOD_NOT_SUPPORTED"],
  [UsernameTakenError, "CONFLICT"],
  [ConcurrentUpdateError, "CONFLICT"],
  [SuperAdminExistsError, "CONFLICT"],
  [RateLimitedError, "TOO_MANY_REQUESTS"],
  [PasswordHasherBusyError, "SERVICE_UNAVAILABLE"],
  [DatabaseUnavailableError, "SERVICE_UNAVAILABLE"],
  [InternalError, "INTERNAL_SERVER_ERROR"],
] as const satisfies ReadonlyArray<readonly [CodedErrorClass, TRPC_ERROR_CODE_KEY]>;

/** Every appCode an error class of the map carries: the union of their `code` literals. */
export type ErrorCode = InstanceType<(typeof ERROR_MAP)[number][0]>["code"];

export function lookUpError(error: unknown): { code: TRPC_ERROR_CODE_KEY; appCode: ErrorCode } | null {
  const entry = ERROR_MAP.find(([errorClass]) => error instanceof errorClass);
  return entry ? { code: entry[1], appCode: (error as InstanceType<(typeof entry)[0]>).code } : null;
}
