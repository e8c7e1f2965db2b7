"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { createApiClient } from "../lib/api-client";
import { type ApiFailure, codeFieldError, describeApiError } from "../lib/api-error";
import { useClearOnNextAction } from "../lib/clear-on-next-action";
import { textField } from "../lib/form-fields";
import type { usePasskeyLogIn } from "../lib/use-passkey-log-in";
import { Field } from "./field";
import { FormMessage } from "./form-message";

/**
 * The log-in's second step, after a right password for an account with two-factor
 * authentication (`account.logIn` answered `{ mfaRequired: true, methods }` and set the
 * challenge cookie), with what `methods` allows: a code from the authenticator app or one of
 * the recovery codes ("totp"), and/or a passkey ("passkey", a whole log-in by itself). An
 * account with a passkey only (under REQUIRE_MFA) is told it needs it.
 * `onRestart` goes back to the password: the challenge is spent or expired (with why), or
 * the person chose to.
 */
export function SecondFactorForm({
  methods,
  passkey,
  onLoggedIn,
  onRestart,
}: {
  methods: string[];
  passkey: ReturnType<typeof usePasskeyLogIn>;
  onLoggedIn: () => void;
  onRestart: (failure: ApiFailure | null) => void;
}) {
  const [api] = useState(createApiClient);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState(false);
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);
  const field = withRecoveryCode ? "recoveryCode" : "code";

  const withCode = methods.includes("totp");
  const withPasskey = methods.includes("passkey");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!withCode) return void passkey.logIn();
    const value = textField(new FormData(event.currentTarget), field);
    setFailure(null);
    setPending(true);
    try {
      await api.account.completeMfa.mutate(withRecoveryCode ? { recoveryCode: value } : { code: value });
      onLoggedIn();
    } catch (error) {
      const described = describeApiError(error);
      if (described.appCode === "MFA_CHALLENGE_EXPIRED") onRestart(described);
      else setFailure(described);
    } finally {
      setPending(false);
    }
  }

  function switchKind() {
    setFailure(null);
    setWithRecoveryCode(!withRecoveryCode);
  }

  // A wrong, reused or stale code belongs beside its field, as do the API's field errors.
  const fieldError = codeFieldError(failure, field);

  if (!withCode)
    return (
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Two-factor authentication</h2>
        <p>This account needs its passkey to log in: the password alone is not enough.</p>
        <div className="form-actions">
          <button type="submit" disabled={passkey.pending} autoFocus>
            {passkey.pending ? "Waiting for your passkey…" : "Use a passkey"}
          </button>
          <button type="button" className="secondary" onClick={() => onRestart(null)}>
            Start over
          </button>
          <FormMessage id={`${id}-error`} error={passkey.failure} />
        </div>
      </form>
    );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Two-factor authentication</h2>
      {/* Keyed by the kind: the other field starts empty, with the focus. */}
      {withRecoveryCode ? (
        <Field
          key="recoveryCode"
          id={`${id}-recovery`}
          name="recoveryCode"
          label="Recovery code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          hint="One of the recovery codes you saved when you set up two-factor authentication. Each works once."
          error={fieldError}
          autoFocus
        />
      ) : (
        <Field
          key="code"
          id={`${id}-code`}
          name="code"
          label="Authentication code"
          autoComplete="one-time-code"
          inputMode="numeric"
          hint="The 6-digit code your authenticator app shows now."
          error={fieldError}
          autoFocus
        />
      )}
      <p className="link-row">
        <button type="button" className="link-button" onClick={switchKind}>
          {withRecoveryCode ? "Use your authenticator app" : "Use a recovery code"}
        </button>
        {withPasskey && (
          <button
            type="button"
            className="link-button"
            disabled={passkey.pending}
            onClick={() => {
              setFailure(null);
              void passkey.logIn();
            }}
          >
            {passkey.pending ? "Waiting for your passkey…" : "Use a passkey"}
          </button>
        )}
      </p>
      <div className="form-actions">
        <button type="submit" disabled={pending || passkey.pending}>
          {pending ? "Checking…" : "Continue"}
        </button>
        <button type="button" className="secondary" onClick={() => onRestart(null)}>
          Start over
        </button>
        <FormMessage id={`${id}-error`} error={failure && !fieldError ? failure.message : passkey.failure} />
      </div>
    </form>
  );
}
