// A typed client for programs: another workspace calls Gatehouse with an API key.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { API_ENDPOINT, MAX_BATCH_CALLS } from "./http/api-endpoint";
import type { AppRouter } from "./routers/app.router";

export interface GatehouseClientOptions {
  /** Where Gatehouse serves, e.g. `https://gatehouse.example.com`. */
  url: string;
  /** An API key (`ghk_…`), made on the account page or with `account.apiKeys.create`. */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * `createTRPCClient<AppRouter>` that sends `Authorization: Bearer <key>` on every call: the
 * key acts as its owner, within its scope. Calls made together are batched (MAX_BATCH_CALLS at most).
 */
export function createGatehouseClient({ url, apiKey, fetch }: GatehouseClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url.replace(/\/+$/, "")}${API_ENDPOINT}`,
        headers: { authorization: `Bearer ${apiKey}` },
        maxItems: MAX_BATCH_CALLS,
        ...(fetch && { fetch }),
      }),
    ],
  });
}

export type GatehouseClient = ReturnType<typeof createGatehouseClient>;
