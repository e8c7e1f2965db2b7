"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createApiClient } from "../lib/api-client";
import { describeApiError } from "../lib/api-error";

/**
 * Log out, in the header of every page for a signed-in person: `account.logOut` through the
 * API (a POST, like every mutation), then the log-in page saying so. It calls the API client
 * directly, like the log-in form: the header is outside the pages' React Query provider.
 */
export function LogOutButton() {
  const [api] = useState(createApiClient);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onClick() {
    setError(null);
    setPending(true);
    try {
      await api.account.logOut.mutate();
    } catch (failure) {
      const described = describeApiError(failure);
      // A session that already ended elsewhere is as good as logged out.
      if (described.appCode !== "NOT_AUTHENTICATED") {
        setError(described.message);
        setPending(false);
        return;
      }
    }
    router.replace("/login?loggedOut=1");
    router.refresh();
  }

  return (
    <>
      <button type="button" className="link-button" onClick={onClick} disabled={pending}>
        {pending ? "Logging out…" : "Log out"}
      </button>
      {error && (
        <span className="header-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
