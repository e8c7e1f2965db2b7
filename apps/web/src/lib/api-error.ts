import type { AppErrorData } from "@gatehouse/api";
import { TRPCClientError } from "@trpc/client";

export interface ApiFailure {
  message: string;
  appCode: AppErrorData["appCode"] | null;
  fieldErrors: Record<string, string[]>;
}

/** What a form needs to show about a failed call: a message and errors per field. */
export function describeApiError(error: unknown): ApiFailure {
  if (error instanceof TRPCClientError) {
    const data = error.data as AppErrorData | undefined;
    const appCode = data?.appCode ?? null;
    const fieldErrors = data?.fieldErrors ?? {};
    return { message: messageFor(appCode, error.message, data), appCode, fieldErrors };
  }
  return {
    message: "Could not reach the server. Check your connection and try again.",
    appCode: null,
    fieldErrors: {},
  };
}

function messageFor(appCode: AppErrorData["appCode"] | null, message: string, data: AppErrorData | undefined): string {
  switch (appCode) {
    case "VALIDATION_FAILED":
      return "Please correct the highlighted fields.";
    case "RATE_LIMITED": {
      const seconds = data?.retryAfterSeconds ?? 60;
      const wait =
        seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? "" : "s"}`;
      return `Too many attempts. Please try again in ${wait}.`;
    }
    case "SERVICE_BUSY":
    case "SERVICE_UNAVAILABLE":
      return "The service is busy or unavailable right now. Please try again in a moment.";
    default:
      return message;
  }
}

/**
 * The error to show beside a code field: a wrong, reused or stale code (INVALID_MFA_CODE) is
 * about that field, as are the API's field errors for it.
 */
export function codeFieldError(failure: ApiFailure | null, field: string): string | undefined {
  return failure?.appCode === "INVALID_MFA_CODE" ? failure.message : failure?.fieldErrors[field]?.join(" ");
}

export function isSessionEnded(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as AppErrorData | undefined)?.appCode === "NOT_AUTHENTICATED";
}

/** REQUIRE_MFA applies to the caller, who has not set up two-factor authentication yet. */
export function isMfaEnrolmentRequired(error: unknown): boolean {
  return (
    error instanceof TRPCClientError && (error.data as AppErrorData | undefined)?.appCode === "MFA_ENROLMENT_REQUIRED"
  );
}
