"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "../../components/form-message";
import { describeApiError } from "../../lib/api-error";
import { useTRPC } from "../../lib/trpc";

export function LogOutButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const logOut = useMutation(trpc.account.logOut.mutationOptions());

  async function onClick() {
    setError(null);
    try {
      await logOut.mutateAsync();
    } catch (failure) {
      const described = describeApiError(failure);
      // A session that already ended elsewhere is as good as logged out.
      if (described.appCode !== "NOT_AUTHENTICATED") {
        setError(described.message);
        return;
      }
    }
    router.replace("/login");
    router.refresh();
  }

  return (
    <div>
      <FormMessage error={error} />
      <button type="button" className="secondary" onClick={onClick} disabled={logOut.isPending}>
        {logOut.isPending ? "Logging out…" : "Log out"}
      </button>
    </div>
  );
}
