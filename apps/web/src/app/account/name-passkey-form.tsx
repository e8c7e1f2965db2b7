"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Field } from "../../components/field";
import { FormMessage } from "../../components/form-message";
import { type ApiFailure, describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { onEscape } from "../../lib/focus-return";
import { textField } from "../../lib/form-fields";
import { describeUserAgent } from "../../lib/session-client";
import { useTRPC } from "../../lib/trpc";
import { type CredentialJson, describePasskeyFailure } from "../../lib/webauthn";

/** A name to start from: the browser and system it was made on ("Chrome 131 on macOS"), or "Passkey". */
function suggestedName(): string {
  const described = describeUserAgent(navigator.userAgent);
  return described === "Unknown browser" ? "Passkey" : described;
}

/**
 * The last step of adding a passkey: the browser made it (`response`); the person names it and
 * the server verifies and keeps it. A bad name shows beside its field; a passkey the server
 * does not accept ends the adding (`onRejected`, with what to say).
 */
export function NamePasskeyForm({
  response,
  onAdded,
  onRejected,
  onCancel,
}: {
  response: CredentialJson;
  onAdded: (name: string) => Promise<void>;
  onRejected: (message: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [suggested] = useState(suggestedName);
  const finish = useMutation(trpc.account.passkeys.finishRegistration.mutationOptions());
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = textField(new FormData(event.currentTarget), "name");
    setFailure(null);
    try {
      await finish.mutateAsync({ name, response });
    } catch (error) {
      const described = describeApiError(error);
      if (described.appCode === "VALIDATION_FAILED" && described.fieldErrors.name) setFailure(described);
      else onRejected(describePasskeyFailure(error, "adding"));
      return;
    }
    await onAdded(name.trim());
  }

  const nameError = failure?.fieldErrors.name?.join(" ");
  return (
    <form ref={formRef} onSubmit={onSubmit} onKeyDown={onEscape(onCancel)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Name your passkey</h3>
      <Field
        id={`${id}-name`}
        name="name"
        label="Name"
        autoComplete="off"
        defaultValue={suggested}
        hint="To tell your passkeys apart, such as the device or password manager that keeps it."
        error={nameError}
        autoFocus
      />
      <div className="form-actions">
        <button type="submit" disabled={finish.isPending}>
          {finish.isPending ? "Saving…" : "Save passkey"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <FormMessage error={failure && !nameError ? failure.message : null} />
      </div>
    </form>
  );
}
