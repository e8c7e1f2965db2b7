"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FormMessage } from "../../../../components/form-message";
import { PasskeyList } from "../../../../components/passkey-list";
import { describeApiError } from "../../../../lib/api-error";
import { useTRPC } from "../../../../lib/trpc";
import { ConfirmedAction } from "./confirmed-action";

/**
 * A user's passkeys as their admin sees them (`users.passkeys`), and for a lost or stolen
 * device: remove them all (`users.removePasskeys`, which ends the user's sessions), behind a
 * confirmation.
 */
export function UserPasskeys({ userId, username }: { userId: string; username: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const passkeys = useQuery(trpc.users.passkeys.queryOptions({ userId }));
  const removeAll = useMutation(trpc.users.removePasskeys.mutationOptions());

  const count = passkeys.data?.length ?? 0;
  return (
    <>
      {passkeys.isPending && <p>Loading passkeys…</p>}
      {passkeys.isError && <FormMessage error={describeApiError(passkeys.error).message} />}
      {passkeys.data && <p>{count === 0 ? "No passkeys." : `${count} passkey${count === 1 ? "" : "s"}:`}</p>}
      {passkeys.data && <PasskeyList passkeys={passkeys.data} />}
      <ConfirmedAction
        label="Remove all passkeys"
        confirmLabel="Confirm removing all passkeys"
        question={`Remove all passkeys of ${username}? They are logged out everywhere and log in with their password.`}
        disabled={count === 0}
        run={async () => {
          try {
            await removeAll.mutateAsync({ userId });
            return "All passkeys removed; their sessions ended.";
          } finally {
            await queryClient.invalidateQueries({ queryKey: trpc.users.passkeys.queryKey({ userId }) });
          }
        }}
      />
    </>
  );
}
