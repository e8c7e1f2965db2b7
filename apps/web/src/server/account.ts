import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getGatehouse } from "./gatehouse";

/**
 * The signed-in account for a server component, or null for an anonymous visitor. Cached
 * for the request: the root layout and the page both ask, and `account.me` runs once.
 */
export const currentAccount = cache(async () => {
  try {
    // Reading the request's headers first also makes every page that asks (the root layout
    // does) render per request, which the per-response script nonce needs (see server.ts).
    const requestHeaders = await headers();
    return await getGatehouse().callerFor(requestHeaders).account.me();
  } catch (error) {
    // Compared by code, not `instanceof TRPCError`: the server (server.ts) and the pages are
    // separate module graphs with their own copy of the class, sharing one Gatehouse.
    if ((error as { code?: unknown } | null)?.code === "UNAUTHORIZED") return null;
    throw error;
  }
});
