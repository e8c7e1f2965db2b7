"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Field } from "../../components/field";
import { FormMessage } from "../../components/form-message";
import { type ApiFailure, describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { onEscape } from "../../lib/focus-return";
import { textField } from "../../lib/form-fields";
import { useTRPC } from "../../lib/trpc";

export interface CreatedKey {
  name: string;
  key: string;
}

/** Days a new key lives unless said (the API's default too). */
const DEFAULT_DAYS = "90";

/**
 * A new API key: its name, what it may do, how long it lives, and the password to confirm it
 * is the owner. A wrong password and the API's field errors show beside their fields.
 */
export function CreateApiKeyForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const create = useMutation(trpc.account.apiKeys.create.mutationOptions());
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = textField(data, "name");
    const days = textField(data, "expiresInDays").trim();
    setFailure(null);
    try {
      const { key } = await create.mutateAsync({
        name,
        scope: textField(data, "scope"),
        // Empty: the default. Anything else goes as a number; the API says what is wrong with it.
        expiresInDays: days === "" ? undefined : Number(days),
        password: textField(data, "password"),
      });
      onCreated({ name: name.trim(), key });
    } catch (error) {
      setFailure(describeApiError(error));
    }
  }

  const fieldError = (field: string) => failure?.fieldErrors[field]?.join(" ");
  const passwordError = failure?.appCode === "CURRENT_PASSWORD_INVALID" ? failure.message : fieldError("password");
  const errors = [fieldError("name"), fieldError("scope"), fieldError("expiresInDays"), passwordError];

  return (
    <form ref={formRef} onSubmit={onSubmit} onKeyDown={onEscape(onCancel)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Create an API key</h3>
      <Field
        id={`${id}-name`}
        name="name"
        label="Name"
        autoComplete="off"
        hint="To tell your keys apart, such as the program that uses it."
        error={fieldError("name")}
        autoFocus
      />
      <div className="field">
        <label htmlFor={`${id}-scope`}>Access</label>
        <select
          id={`${id}-scope`}
          name="scope"
          defaultValue="read"
          aria-describedby={`${id}-scope-hint`}
          aria-invalid={fieldError("scope") ? true : undefined}
        >
          <option value="read">Read only</option>
          <option value="full">Full</option>
        </select>
        <p className="hint" id={`${id}-scope-hint`}>
          Read only: the key can look things up but change nothing. Full: it can do what you can, except manage API keys
          and two-factor authentication.
        </p>
        {fieldError("scope") && <p className="field-error">{fieldError("scope")}</p>}
      </div>
      <Field
        id={`${id}-days`}
        name="expiresInDays"
        label="Expires in (days)"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={DEFAULT_DAYS}
        hint="1 to 365 days."
        error={fieldError("expiresInDays")}
      />
      <Field
        id={`${id}-password`}
        name="password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        error={passwordError}
      />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <FormMessage error={failure && errors.every((error) => !error) ? failure.message : null} />
      </div>
    </form>
  );
}
