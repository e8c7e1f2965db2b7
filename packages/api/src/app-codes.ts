// Type-only: erased from a client's bundle, which gets nothing of the server (no Prisma, no pino).
import type { ErrorCode } from "./trpc/errors";

/**
 * Every `appCode` the API puts in `error.data.appCode` (the README lists them, API): the
 * `code` of each error class in the error map (trpc/errors.ts), where each is defined. The
 * type comes from the classes; the keys below exist only so clients get the list at run
 * time, and the compiler refuses them unless they are exactly the classes' codes (a
 * missing one and an unknown one are both errors; so is a class whose `code` is a plain
 * string rather than a literal, which would make the check vacuous).
 */
const LISTED: string extends ErrorCode ? never : { readonly [code in ErrorCode]: true } = {
  VALIDATION_FAILED: true,
  NOT_AUTHENTICATED: true,
  INVALID_CREDENTIALS: true,
  INVALID_MFA_CODE: true,
  MFA_CHALLENGE_EXPIRED: true,
  MFA_ALREADY_ENABLED: true,
  MFA_NOT_ENABLED: true,
  MFA_ENROLMENT_REQUIRED: true,
  API_KEY_SCOPE: true,
  API_KEY_NOT_FOUND: true,
  PASSKEY_REJECTED: true,
  PASSKEY_NOT_FOUND: true,
  ACCOUNT_INACTIVE: true,
  ALREADY_AUTHENTICATED: true,
  PERMISSION_DENIED: true,
  ROLE_CHANGE_NOT_PERMITTED: true,
  ACTIVATION_CHANGE_NOT_PERMITTED: true,
  CURRENT_PASSWORD_INVALID: true,
  PASSWORD_UNCHANGED: true,
  USER_NOT_FOUND: true,
  SESSION_NOT_FOUND: true,
  USERNAME_TAKEN: true,
  CONCURRENT_UPDATE: true,
  SUPER_ADMIN_EXISTS: true,
  ORIGIN_REJECTED: true,
  PAYLOAD_TOO_LARGE: true,
  BATCH_TOO_LARGE: true,
  RATE_LIMITED: true,
  SERVICE_BUSY: true,
  SERVICE_UNAVAILABLE: true,
  NOT_FOUND: true,
  INTERNAL: true,
};

export type AppCode = ErrorCode;

/** Safe to import in clients. */
export const APP_CODES = Object.keys(LISTED) as readonly AppCode[];

/** What every error's `data` carries. */
export interface AppErrorData {
  code: string;
  httpStatus: number;
  appCode: AppCode;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  requestId?: string;
}
