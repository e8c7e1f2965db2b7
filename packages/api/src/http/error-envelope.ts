import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { ApiError } from "../api-errors";
import type { AppErrorData } from "../app-codes";
import { lookUpError } from "../trpc/errors";

/**
 * An answer the server gives before tRPC sees the request (malformed HTTP, a batch that is
 * too long, a path that is not the API's), shaped like every other API error: its codes
 * come from the error and the one error map.
 */
export function errorEnvelope(error: ApiError, extra: Partial<AppErrorData> = {}): { status: number; body: string } {
  const mapped = lookUpError(error);
  if (!mapped) throw new Error(`${error.name} is missing from the error map.`);
  const { code, appCode } = mapped;
  const status = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const data: AppErrorData = { code, httpStatus: status, appCode, ...extra };
  return {
    status,
    body: JSON.stringify({ error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[code], data } }),
  };
}
