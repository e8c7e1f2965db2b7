import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { AppCode, AppErrorData } from "../app-codes";

/**
 * An answer the server gives before tRPC sees the request (malformed HTTP, a batch that is
 * too long, a path that is not the API's), shaped like every other API error.
 */
export function errorEnvelope(
  code: TRPC_ERROR_CODE_KEY,
  appCode: AppCode,
  message: string,
  extra: Partial<AppErrorData> = {},
): { status: number; body: string } {
  const status = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const data: AppErrorData = { code, httpStatus: status, appCode, ...extra };
  return { status, body: JSON.stringify({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data } }) };
}
