"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { Field } from "../../components/field";
import { FormMessage } from "../../components/form-message";
import { type ApiFailure, codeFieldError, describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { onEscape } from "../../lib/focus-return";
import { textField } from "../../lib/form-fields";

export interface Proof {
  password: string;
  /** A code from the authenticator app or a recovery code; "" when not asked. */
  code: string;
}

/**
 * What two-factor changes ask first: the password, and once two-factor authentication is on,
 * a current code of either kind (`withCode`). A wrong password and a wrong code show beside
 * their fields. Escape or Cancel closes it.
 */
export function ConfirmIdentityForm({
  title,
  intro,
  withCode,
  submit,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  intro: string;
  withCode: boolean;
  submit: [label: string, pendingLabel: string];
  danger?: boolean;
  onConfirm: (proof: Proof) => Promise<unknown>;
  onCancel: () => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState(false);
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setFailure(null);
    setPending(true);
    try {
      await onConfirm({ password: textField(data, "password"), code: withCode ? textField(data, "code") : "" });
    } catch (error) {
      setFailure(describeApiError(error));
    } finally {
      setPending(false);
    }
  }

  const passwordError =
    failure?.appCode === "CURRENT_PASSWORD_INVALID" ? failure.message : failure?.fieldErrors.password?.join(" ");
  const codeError = codeFieldError(failure, "code");

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onKeyDown={onEscape(onCancel)}
      noValidate
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-intro`}>{intro}</p>
      <Field
        id={`${id}-password`}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={passwordError}
        autoFocus
      />
      {withCode && (
        <Field
          id={`${id}-code`}
          name="code"
          label="Code from your app, or a recovery code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          error={codeError}
        />
      )}
      <div className="form-actions">
        <button type="submit" className={danger ? "danger" : undefined} disabled={pending}>
          {pending ? submit[1] : submit[0]}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <FormMessage error={failure && !passwordError && !codeError ? failure.message : null} />
      </div>
    </form>
  );
}
