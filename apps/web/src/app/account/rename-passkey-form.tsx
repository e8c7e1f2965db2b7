"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { FormMessage } from "../../components/form-message";
import type { PasskeyItem } from "../../components/passkey-list";
import { describeApiError } from "../../lib/api-error";
import { onEscape } from "../../lib/focus-return";
import { textField } from "../../lib/form-fields";
import { useTRPC } from "../../lib/trpc";

/** A passkey's new name, inline in its row; Escape or Cancel keeps the old one. */
export function RenamePasskeyForm({
  passkey,
  onRenamed,
  onCancel,
}: {
  passkey: PasskeyItem;
  onRenamed: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation(trpc.account.passkeys.rename.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = textField(new FormData(event.currentTarget), "name");
    setError(null);
    try {
      await rename.mutateAsync({ passkeyId: passkey.id, name });
    } catch (failure) {
      const described = describeApiError(failure);
      setError(described.fieldErrors.name?.join(" ") ?? described.message);
      return;
    }
    await onRenamed(name.trim());
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} onKeyDown={onEscape(onCancel)} noValidate>
      <label htmlFor={`${id}-name`}>New name for {passkey.name}</label>
      <input
        id={`${id}-name`}
        name="name"
        autoComplete="off"
        defaultValue={passkey.name}
        required
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="small" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className="secondary small" onClick={onCancel}>
        Cancel
      </button>
      <FormMessage id={`${id}-error`} error={error} compact />
    </form>
  );
}
