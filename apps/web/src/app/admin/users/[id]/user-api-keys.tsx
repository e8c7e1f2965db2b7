"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiKeyList } from "../../../../components/api-key-list";
import { FormMessage } from "../../../../components/form-message";
import { describeApiError } from "../../../../lib/api-error";
import { useClearOnNextAction } from "../../../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../../../lib/focus-return";
import { useTRPC } from "../../../../lib/trpc";

/**
 * A user's API keys as their admin sees them (`users.apiKeys`, never the keys), and one way
 * out for a leaked key or a departing person: revoke them all, behind a confirmation.
 */
export function UserApiKeys({ userId, username }: { userId: string; username: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const keys = useQuery(trpc.users.apiKeys.queryOptions({ userId }));
  const revokeAll = useMutation(trpc.users.revokeApiKeys.mutationOptions());
  const { refFor, close } = useFocusReturn<"revokeAll">();
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));
  const cancel = () => close(() => setConfirming(false), "revokeAll");

  async function run() {
    setConfirming(false);
    setMessage({});
    try {
      await revokeAll.mutateAsync({ userId });
      setMessage({ success: "All API keys revoked." });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
    await queryClient.invalidateQueries({ queryKey: trpc.users.apiKeys.queryKey({ userId }) });
  }

  const count = keys.data?.length ?? 0;
  return (
    <>
      {keys.isPending && <p>Loading keys…</p>}
      {keys.isError && <FormMessage error={describeApiError(keys.error).message} />}
      {keys.data && <p>{count === 0 ? "No API keys." : `${count} API key${count === 1 ? "" : "s"}:`}</p>}
      {keys.data && <ApiKeyList keys={keys.data} />}
      <div className="form-actions">
        {confirming ? (
          <div
            key="confirming"
            className="confirm"
            role="group"
            aria-label="Confirm revoking all API keys"
            onKeyDown={onEscape(cancel)}
          >
            <span>Revoke all API keys of {username}? Programs using them stop working.</span>
            <button type="button" className="danger small" onClick={run} disabled={revokeAll.isPending} autoFocus>
              Confirm
            </button>
            <button type="button" className="secondary small" onClick={cancel}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            key="revokeAll"
            ref={refFor("revokeAll")}
            type="button"
            className="danger-outline small"
            disabled={revokeAll.isPending || count === 0}
            onClick={() => setConfirming(true)}
          >
            Revoke all API keys
          </button>
        )}
        <FormMessage {...message} />
      </div>
    </>
  );
}
