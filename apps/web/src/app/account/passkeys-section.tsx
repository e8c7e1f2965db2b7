"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useSyncExternalStore } from "react";
import { FormMessage } from "../../components/form-message";
import { type PasskeyItem, PasskeyList } from "../../components/passkey-list";
import { describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { useFocusReturn } from "../../lib/focus-return";
import { KEEPS_LAST_FACTOR } from "../../lib/mfa-enrolment";
import { useTRPC } from "../../lib/trpc";
import {
  createPasskey,
  type CredentialJson,
  describePasskeyFailure,
  NO_WEBAUTHN,
  webAuthnSupported,
} from "../../lib/webauthn";
import { ConfirmIdentityForm } from "./confirm-identity-form";
import { NamePasskeyForm } from "./name-passkey-form";
import { RenamePasskeyForm } from "./rename-passkey-form";

/** What the section shows below the list: one thing at a time. */
type Stage =
  | { kind: "list" }
  | { kind: "confirming" }
  | { kind: "naming"; response: CredentialJson }
  | { kind: "removing"; passkey: PasskeyItem };

type Message = { error?: string; success?: string };

// Whether the browser can make passkeys does not change while the page is open; the server
// renders the section as if it could, and the browser says at hydration.
const noSubscription = () => () => {};

/**
 * The caller's passkeys: the list, a new one (password, then the browser's passkey prompt,
 * then a name), renaming one inline, and removing one with the password. `required`: the
 * administrator requires a second factor and the caller has none yet; once a passkey is
 * added the whole page is rendered again (as after setting up the authenticator app).
 */
export function PasskeysSection({ required }: { required: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: "list" });
  const [renaming, setRenaming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>({});
  const supported = useSyncExternalStore(noSubscription, webAuthnSupported, () => true);
  const passkeys = useQuery(trpc.account.passkeys.list.queryOptions());
  const beginRegistration = useMutation(trpc.account.passkeys.beginRegistration.mutationOptions());
  const remove = useMutation({ ...trpc.account.passkeys.remove.mutationOptions(), meta: KEEPS_LAST_FACTOR });
  const { refFor, close } = useFocusReturn<string>();
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));

  /** The list, the sessions (adding or removing one ends the others) and the two-factor status, read again. */
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.account.passkeys.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.mfa.status.queryKey() }),
    ]);

  function backToList(next: Message, opener = "add") {
    close(() => setStage({ kind: "list" }), opener);
    setMessage(next);
  }

  let body;
  switch (stage.kind) {
    case "confirming":
      body = (
        <ConfirmIdentityForm
          title="Add a passkey"
          intro="First, confirm it is you. Your browser then asks where to keep the new passkey."
          withCode={false}
          submit={["Continue", "Waiting for your passkey…"]}
          onConfirm={async ({ password }) => {
            // A wrong password is the form's to show; what the browser says is the section's.
            const options = await beginRegistration.mutateAsync({ password });
            try {
              setStage({ kind: "naming", response: await createPasskey(options) });
            } catch (error) {
              backToList({ error: describePasskeyFailure(error, "adding") });
            }
          }}
          onCancel={() => close(() => setStage({ kind: "list" }), "add")}
        />
      );
      break;
    case "naming":
      body = (
        <NamePasskeyForm
          response={stage.response}
          onAdded={async (name) => {
            await refresh();
            backToList({ success: `Passkey “${name}” added. Your other sessions have been logged out.` });
            if (required) router.refresh();
          }}
          onRejected={(error) => backToList({ error })}
          onCancel={() => backToList({})}
        />
      );
      break;
    case "removing": {
      const { passkey } = stage;
      body = (
        <ConfirmIdentityForm
          title={`Remove “${passkey.name}”`}
          intro="You can no longer log in with it. Confirm with your password."
          withCode={false}
          danger
          submit={["Remove passkey", "Removing…"]}
          onConfirm={async ({ password }) => {
            await remove.mutateAsync({ passkeyId: passkey.id, password });
            await refresh();
            setStage({ kind: "list" });
            setMessage({ success: `Passkey “${passkey.name}” removed. Your other sessions have been logged out.` });
          }}
          onCancel={() => close(() => setStage({ kind: "list" }), passkey.id)}
        />
      );
      break;
    }
    case "list":
      body = (
        <div className="form-actions">
          <button
            ref={refFor("add")}
            type="button"
            disabled={!supported}
            onClick={() => {
              setMessage({});
              setStage({ kind: "confirming" });
            }}
          >
            Add a passkey
          </button>
          <FormMessage {...message} />
        </div>
      );
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Passkeys</h2>
      <p className="muted">
        A passkey logs you in with your device’s screen lock or a security key instead of your password, and counts as
        two-factor authentication by itself.
      </p>
      {!supported && <p className="notice warning">{NO_WEBAUTHN}</p>}
      {passkeys.isPending && <p>Loading passkeys…</p>}
      {passkeys.isError && <FormMessage error={describeApiError(passkeys.error).message} />}
      {passkeys.data?.length === 0 && <p>You have no passkeys.</p>}
      {passkeys.data && (
        <PasskeyList
          passkeys={passkeys.data}
          action={(passkey) =>
            renaming === passkey.id ? (
              <RenamePasskeyForm
                key="renaming"
                passkey={passkey}
                onRenamed={async (name) => {
                  await queryClient.invalidateQueries({ queryKey: trpc.account.passkeys.list.queryKey() });
                  close(() => setRenaming(null), `rename-${passkey.id}`);
                  setMessage({ success: `Passkey renamed “${name}”.` });
                }}
                onCancel={() => close(() => setRenaming(null), `rename-${passkey.id}`)}
              />
            ) : (
              <div key="actions" className="confirm">
                <button
                  ref={refFor(`rename-${passkey.id}`)}
                  type="button"
                  className="secondary small"
                  aria-label={`Rename ${passkey.name}`}
                  onClick={() => {
                    setMessage({});
                    setRenaming(passkey.id);
                  }}
                >
                  Rename
                </button>
                <button
                  ref={refFor(passkey.id)}
                  type="button"
                  className="danger-outline small"
                  aria-label={`Remove ${passkey.name}`}
                  disabled={stage.kind !== "list"}
                  onClick={() => {
                    setMessage({});
                    setStage({ kind: "removing", passkey });
                  }}
                >
                  Remove
                </button>
              </div>
            )
          }
        />
      )}
      {body}
    </section>
  );
}
