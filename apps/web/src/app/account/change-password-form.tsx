"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Field } from "../../components/field";
import { FormMessage } from "../../components/form-message";
import { describeApiError, type ApiFailure } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { useTRPC } from "../../lib/trpc";
import { textField } from "../../lib/form-fields";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState(false);
  const changePassword = useMutation(trpc.account.changePassword.mutationOptions());
  useClearOnNextAction(done, () => setDone(false));
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setFailure(null);
    setDone(false);
    try {
      await changePassword.mutateAsync({
        currentPassword: textField(data, "currentPassword"),
        newPassword: textField(data, "newPassword"),
      });
      form.reset();
      setDone(true);
    } catch (error) {
      setFailure(describeApiError(error));
    }
  }

  const fieldError = (field: string) => failure?.fieldErrors[field]?.join(" ");
  // Wrong current password and an unchanged password belong beside their fields.
  const currentError =
    failure?.appCode === "CURRENT_PASSWORD_INVALID" ? failure.message : fieldError("currentPassword");
  const newError = failure?.appCode === "PASSWORD_UNCHANGED" ? failure.message : fieldError("newPassword");

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change password</h2>
      <Field
        id={`${id}-current`}
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={currentError}
      />
      <Field
        id={`${id}-new`}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="8 to 128 characters."
        error={newError}
      />
      <div className="form-actions">
        <button type="submit" disabled={changePassword.isPending}>
          {changePassword.isPending ? "Changing…" : "Change password"}
        </button>
        <FormMessage
          error={failure && !currentError && !newError ? failure.message : null}
          success={done ? "Password changed. Your other sessions have been logged out." : null}
        />
      </div>
    </form>
  );
}
