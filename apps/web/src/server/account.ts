import "server-only";
import { headers } from "next/headers";
import { getGatehouse } from "./gatehouse";

/** The signed-in account for a server component, or null for an anonymous visitor. */
export async function currentAccount() {
  try {
    return await getGatehouse().callerFor(await headers()).account.me();
  } catch (error) {
    // Compared by code, not `instanceof TRPCError`: the route handler and server components
    // are separate module graphs with their own copy of the class, sharing one Gatehouse.
    if ((error as { code?: unknown } | null)?.code === "UNAUTHORIZED") return null;
    throw error;
  }
}
