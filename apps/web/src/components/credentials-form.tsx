"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { createApiClient } from "../lib/api-client";
import { describeApiError, type ApiFailure } from "../lib/api-error";
import { useClearOnNextAction } from "../lib/clear-on-next-action";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { textField } from "../lib/form-fields";
import { usePasskeyLogIn } from "../lib/use-passkey-log-in";
import { SecondFactorForm } from "./second-factor-form";

type Mode = "signup" | "login";

const TEXT: Record<Mode, { submit: string; submitting: string; usernameHint?: string; passwordHint?: string }> = {
  signup: {
    submit: "Sign up",
    submitting: "Signing up…",
    usernameHint: "5 to 20 letters, digits, '.', '-' or '_', starting and ending with a letter or digit.",
    passwordHint: "8 to 128 characters. A few unrelated words make a strong password.",
  },
  login: { submit: "Log in", submitting: "Logging in…" },
};

/**
 * The sign-up and log-in form: the same two fields, different procedures and next pages.
 * It calls the API client directly rather than through React Query: one call, no cache to
 * keep, and a lighter first page. `username` fills in the name (the log-in after sign-up), and
 * then the password field has the focus. An account with two-factor authentication takes a
 * second step on the same page (SecondFactorForm); back from it, the name is kept.
 * The log-in also takes a passkey instead of both steps: its button, or the username field's
 * autofill where the browser offers passkeys there (usePasskeyLogIn).
 */
export function CredentialsForm({ mode, notice, username }: { mode: Mode; notice?: string; username?: string }) {
  const [api] = useState(createApiClient);
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState(false);
  /** What finishes the log-in after the password (`account.logIn`'s `methods`), once asked for. */
  const [secondStep, setSecondStep] = useState<string[] | null>(null);
  const [typedUsername, setTypedUsername] = useState(username);
  const text = TEXT[mode];
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  function continueLoggedIn() {
    router.replace("/account");
    router.refresh();
  }

  const passkey = usePasskeyLogIn({ api, enabled: mode === "login" && !secondStep, onLoggedIn: continueLoggedIn });
  useClearOnNextAction(passkey.failure !== null, passkey.clearFailure);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { username: textField(form, "username"), password: textField(form, "password") };
    setFailure(null);
    setPending(true);
    // The password log-in, not a passkey from the autofill, now.
    if (mode === "login") await passkey.stopAutofill();
    try {
      if (mode === "signup") {
        await api.account.signUp.mutate(credentials);
        router.push(`/login?created=${encodeURIComponent(credentials.username)}`);
      } else {
        const answer = await api.account.logIn.mutate(credentials);
        if ("mfaRequired" in answer) {
          setTypedUsername(credentials.username);
          // No `methods`: a code finishes it, as before passkeys.
          setSecondStep(answer.methods ?? ["totp"]);
        } else continueLoggedIn();
      }
    } catch (error) {
      const described = describeApiError(error);
      if (described.appCode === "ALREADY_AUTHENTICATED") {
        router.replace("/account");
        return;
      }
      setFailure(described);
      if (mode === "login") passkey.restartAutofill();
    } finally {
      setPending(false);
    }
  }

  const fieldError = (field: string) => failure?.fieldErrors[field]?.join(" ");

  if (secondStep)
    return (
      <SecondFactorForm
        methods={secondStep}
        passkey={passkey}
        onLoggedIn={continueLoggedIn}
        onRestart={(why) => {
          setFailure(why);
          passkey.clearFailure();
          setSecondStep(null);
        }}
      />
    );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby={failure ? `${id}-error` : undefined}>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Field
        id={`${id}-username`}
        name="username"
        label="Username"
        // "webauthn": the field's suggestions include the passkeys, where the browser offers that.
        autoComplete={passkey.autofill && mode === "login" ? "username webauthn" : "username"}
        onFocus={passkey.usernameFocused}
        defaultValue={typedUsername}
        hint={text.usernameHint}
        error={fieldError("username")}
      />
      <Field
        id={`${id}-password`}
        name="password"
        label="Password"
        type="password"
        autoComplete={mode === "signup" ? "new-password" : "current-password"}
        hint={text.passwordHint}
        error={fieldError("password")}
        autoFocus={Boolean(typedUsername)}
      />
      <div className="form-actions">
        <button type="submit" disabled={pending || passkey.pending}>
          {pending ? text.submitting : text.submit}
        </button>
        {mode === "login" && (
          <button type="button" className="secondary" disabled={pending || passkey.pending} onClick={passkey.logIn}>
            {passkey.pending ? "Waiting for your passkey…" : "Log in with a passkey"}
          </button>
        )}
        <FormMessage id={`${id}-error`} error={failure?.message ?? passkey.failure} />
      </div>
    </form>
  );
}
