import type { AppRouter } from "@gatehouse/api";
import { API_ENDPOINT, MAX_BATCH_CALLS } from "@gatehouse/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

/**
 * The typed client of the Gatehouse API in the browser. Pages with live data use it through
 * React Query (providers.tsx); the log-in and sign-up pages call it directly, so the first
 * page most people load does not carry React Query at all.
 */
export function createApiClient() {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: API_ENDPOINT, maxItems: MAX_BATCH_CALLS })] });
}
