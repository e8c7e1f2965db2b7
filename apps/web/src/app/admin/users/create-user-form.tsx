"use client";
import { MANAGED_ROLES } from "@gatehouse/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Field } from "../../../components/field";
import { FormMessage } from "../../../components/form-message";
import { describeApiError, type ApiFailure } from "../../../lib/api-error";
import { useClearOnNextAction } from "../../../lib/clear-on-next-action";
import { ROLE_LABELS } from "../../../lib/labels";
import { useTRPC } from "../../../lib/trpc";
import type { Viewer } from "../../../lib/viewer";
import { textField } from "../../../lib/form-fields";

export function CreateUserForm({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(trpc.users.create.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  // "Created …" goes at the next action anywhere (a search, a filter, a page, a row's action);
  // errors stay while the form is being corrected.
  useClearOnNextAction(created !== null, () => setCreated(null));
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const username = textField(data, "username");
    setFailure(null);
    setCreated(null);
    try {
      await create.mutateAsync({
        username,
        password: textField(data, "password"),
        role: textField(data, "role") || "user",
      });
      form.reset();
      setCreated(username);
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
    } catch (error) {
      setFailure(describeApiError(error));
    }
  }

  const fieldError = (field: string) =>
    failure?.appCode === "USERNAME_TAKEN" && field === "username"
      ? failure.message
      : failure?.fieldErrors[field]?.join(" ");

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create user</h2>
      <div className="form-row">
        <Field
          id={`${id}-username`}
          name="username"
          label="Username"
          autoComplete="off"
          error={fieldError("username")}
        />
        <Field
          id={`${id}-password`}
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={fieldError("password")}
        />
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} name="role" defaultValue="user">
            {/* The roles the viewer may create, least powerful (the default) first. */}
            {[...MANAGED_ROLES[viewer.role]].reverse().map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </button>
        <FormMessage
          error={
            failure && failure.appCode !== "USERNAME_TAKEN" && Object.keys(failure.fieldErrors).length === 0
              ? failure.message
              : null
          }
          success={created ? `Created ${created}.` : null}
        />
      </div>
    </form>
  );
}
