"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createApiClient } from "../lib/api-client";
import { isSessionEnded } from "../lib/api-error";
import { TRPCProvider } from "../lib/trpc";

/** A session that ended elsewhere (log-out, deactivation) sends the person to log in again. */
function toLoginWhenSessionEnded(error: unknown) {
  if (isSessionEnded(error) && window.location.pathname !== "/login") window.location.assign("/login");
}

/** React Query and the tRPC hooks, for the pages with live data (account and admin layouts). */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, retry: false } },
        queryCache: new QueryCache({ onError: toLoginWhenSessionEnded }),
        mutationCache: new MutationCache({ onError: toLoginWhenSessionEnded }),
      }),
  );
  const [trpcClient] = useState(createApiClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
