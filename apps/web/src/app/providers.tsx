"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createApiClient } from "../lib/api-client";
import { isMfaEnrolmentRequired, isSessionEnded } from "../lib/api-error";
import { KEEPS_LAST_FACTOR, MFA_ENROLMENT_PAGE, MFA_ENROLMENT_PATH } from "../lib/mfa-enrolment";
import { TRPCProvider } from "../lib/trpc";

/**
 * A session that ended elsewhere (log-out, deactivation) sends the person to log in again; a
 * refusal until they set up two-factor authentication (REQUIRE_MFA), to the set-up (but not
 * the refusal to take away the last second factor: KEEPS_LAST_FACTOR).
 */
function redirectWhenRefused(error: unknown) {
  if (isSessionEnded(error) && window.location.pathname !== "/login") window.location.assign("/login");
  else if (isMfaEnrolmentRequired(error) && window.location.pathname + window.location.search !== MFA_ENROLMENT_PAGE)
    window.location.assign(MFA_ENROLMENT_PATH);
}

/** React Query and the tRPC hooks, for the pages with live data (account and admin layouts). */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, retry: false } },
        queryCache: new QueryCache({ onError: redirectWhenRefused }),
        mutationCache: new MutationCache({
          onError: (error, _variables, _result, mutation) => {
            if (mutation.meta?.refusalShownInPlace !== KEEPS_LAST_FACTOR.refusalShownInPlace)
              redirectWhenRefused(error);
          },
        }),
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
