"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiKeyList } from "../../../../components/api-key-list";
import { FormMessage } from "../../../../components/form-message";
import { describeApiError } from "../../../../lib/api-error";
import { useTRPC } from "../../../../lib/trpc";
import { ConfirmedAction } from "./confirmed-action";

/**
 * A user's API keys as their admin sees them (`users.apiKeys`, never the keys), and one way
 * out for a leaked key or a departing person: revoke them all, behind a confirmation.
 */
export function UserApiKeys({ userId, username }: { userId: string; username: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.users.apiKeys.queryOptions({ userId }));
  const revokeAll = useMutation(trpc.users.revokeApiKeys.mutationOptions());

  const count = keys.data?.length ?? 0;
  return (
    <>
      {keys.isPending && <p>Loading keys…</p>}
      {keys.isError && <FormMessage error={describeApiError(keys.error).message} />}
      {keys.data && <p>{count === 0 ? "No API keys." : `${count} API key${count === 1 ? "" : "s"}:`}</p>}
      {keys.data && <ApiKeyList keys={keys.data} />}
      <ConfirmedAction
        label="Revoke all API keys"
        confirmLabel="Confirm revoking all API keys"
        question={`Revoke all API keys of ${username}? Programs using them stop working.`}
        disabled={count === 0}
        run={async () => {
          try {
            await revokeAll.mutateAsync({ userId });
            return "All API keys revoked.";
          } finally {
            await queryClient.invalidateQueries({ queryKey: trpc.users.apiKeys.queryKey({ userId }) });
          }
        }}
      />
    </>
  );
}
