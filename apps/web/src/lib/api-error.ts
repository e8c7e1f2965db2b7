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
    const message =
      appCode === "VALIDATION_FAILED"
        ? "Please correct the highlighted fields."
        : appCode === "SERVICE_BUSY" || appCode === "SERVICE_UNAVAILABLE"
          ? "The service is busy or unavailable right now. Please try again in a moment."
          : error.message;
    return { message, appCode, fieldErrors };
  }
  return { message: "Could not reach the server. Check your connection and try again.", appCode: null, fieldErrors: {} };
}
