"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiKeyList } from "../../components/api-key-list";
import { FormMessage } from "../../components/form-message";
import { describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../lib/focus-return";
import { useTRPC } from "../../lib/trpc";
import { CreateApiKeyForm, type CreatedKey } from "./create-api-key-form";
import { NewApiKey } from "./new-api-key";

/** What the section shows below the list: one thing at a time. */
type Stage = { kind: "list" } | { kind: "creating" } | { kind: "created"; created: CreatedKey };

/**
 * The caller's API keys, for programs to call the API as them: the list (never the keys),
 * a new key (shown once), and Revoke per key behind a confirmation.
 */
export function ApiKeysSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: "list" });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const keys = useQuery(trpc.account.apiKeys.list.queryOptions());
  const revoke = useMutation(trpc.account.apiKeys.revoke.mutationOptions());
  const { refFor, close } = useFocusReturn<string>();
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.apiKeys.list.queryKey() });

  async function revokeKey(keyId: string, name: string) {
    setConfirming(null);
    setMessage({});
    try {
      await revoke.mutateAsync({ keyId });
      setMessage({ success: `Key “${name}” revoked.` });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
    await refresh();
  }

  let body;
  switch (stage.kind) {
    case "creating":
      body = (
        <CreateApiKeyForm
          onCreated={(created) => {
            void refresh();
            setStage({ kind: "created", created });
          }}
          onCancel={() => close(() => setStage({ kind: "list" }), "create")}
        />
      );
      break;
    case "created":
      body = <NewApiKey created={stage.created} onSaved={() => close(() => setStage({ kind: "list" }), "create")} />;
      break;
    case "list":
      body = (
        <div className="form-actions">
          <button
            ref={refFor("create")}
            type="button"
            onClick={() => {
              setMessage({});
              setStage({ kind: "creating" });
            }}
          >
            New API key
          </button>
          <FormMessage {...message} />
        </div>
      );
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API keys</h2>
      <p className="muted">
        Keys let your programs call the Gatehouse API as you, with your current role. Revoke any key you no longer use.
      </p>
      {keys.isPending && <p>Loading keys…</p>}
      {keys.isError && <FormMessage error={describeApiError(keys.error).message} />}
      {keys.data?.length === 0 && <p>You have no API keys.</p>}
      {keys.data && (
        <ApiKeyList
          keys={keys.data}
          action={(key) => {
            const cancel = () => close(() => setConfirming(null), key.id);
            return confirming === key.id ? (
              <div
                key="confirming"
                className="confirm"
                role="group"
                aria-label={`Confirm revoking ${key.name}`}
                onKeyDown={onEscape(cancel)}
              >
                <span>Revoke “{key.name}”? Programs using it stop working.</span>
                <button type="button" className="danger small" onClick={() => revokeKey(key.id, key.name)} autoFocus>
                  Revoke
                </button>
                <button type="button" className="secondary small" onClick={cancel}>
                  Cancel
                </button>
              </div>
            ) : (
              <button
                key="revoke"
                ref={refFor(key.id)}
                type="button"
                className="danger-outline small"
                disabled={revoke.isPending}
                aria-label={`Revoke ${key.name}`}
                onClick={() => setConfirming(key.id)}
              >
                Revoke
              </button>
            );
          }}
        />
      )}
      {body}
    </section>
  );
}
