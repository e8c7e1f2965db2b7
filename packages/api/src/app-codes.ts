/** Every `appCode` the API puts in `error.data.appCode` (the README lists them, API). Safe to import in clients. */
export const APP_CODES = [
  "VALIDATION_FAILED",
  "NOT_AUTHENTICATED",
  "INVALID_CREDENTIALS",
  "ACCOUNT_INACTIVE",
  "ALREADY_AUTHENTICATED",
  "PERMISSION_DENIED",
  "ROLE_CHANGE_NOT_PERMITTED",
  "ACTIVATION_CHANGE_NOT_PERMITTED",
  "CURRENT_PASSWORD_INVALID",
  "PASSWORD_UNCHANGED",
  "USER_NOT_FOUND",
  "SESSION_NOT_FOUND",
  "USERNAME_TAKEN",
  "CONCURRENT_UPDATE",
  "SUPER_ADMIN_EXISTS",
  "ORIGIN_REJECTED",
  "PAYLOAD_TOO_LARGE",
  "BATCH_TOO_LARGE",
  "RATE_LIMITED",
  "SERVICE_BUSY",
  "SERVICE_UNAVAILABLE",
  "NOT_FOUND",
  "INTERNAL",
] as const;

export type AppCode = (typeof APP_CODES)[number];

/** What every error's `data` carries. */
export interface AppErrorData {
  code: string;
  httpStatus: number;
  appCode: AppCode;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  requestId?: string;
}
