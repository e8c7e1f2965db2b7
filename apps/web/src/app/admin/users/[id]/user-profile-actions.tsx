"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { describeApiError } from "../../../../lib/api-error";
import { textField } from "../../../../lib/form-fields";
import { useTRPC } from "../../../../lib/trpc";
import { MessageSlot } from "../../message-slot";

type User = RouterOutputs["users"]["get"];
type Action = "grantAdmin" | "revokeAdmin" | "activate" | "deactivate";

const ACTION_TEXT: Record<Action, { label: string; confirm?: (name: string) => string; done: string }> = {
  grantAdmin: { label: "Grant admin", done: "Now an admin." },
  revokeAdmin: {
    label: "Revoke admin",
    confirm: (name) => `Take admin rights from ${name}?`,
    done: "No longer an admin.",
  },
  activate: { label: "Activate", done: "Activated." },
  deactivate: {
    label: "Deactivate",
    confirm: (name) => `Deactivate ${name}? They are logged out everywhere.`,
    done: "Deactivated; their sessions ended.",
  },
};

/**
 * What the admin may do to this user, from the API's `can` flags (the same mutations as the
 * users table's row actions). The page re-reads the profile and the history after each.
 */
export function UserProfileActions({ user }: { user: User }) {
  const trpc = useTRPC();
  const id = useId();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});

  const mutations = {
    grantAdmin: useMutation(trpc.users.grantAdmin.mutationOptions()),
    revokeAdmin: useMutation(trpc.users.revokeAdmin.mutationOptions()),
    activate: useMutation(trpc.users.activate.mutationOptions()),
    deactivate: useMutation(trpc.users.deactivate.mutationOptions()),
  };
  const setPassword = useMutation(trpc.users.setPassword.mutationOptions());
  const busy = Object.values(mutations).some((mutation) => mutation.isPending) || setPassword.isPending;
  // The row's state picks which way each switch goes; `can` says whether it is offered.
  const actions = (
    [user.role === "admin" ? "revokeAdmin" : "grantAdmin", user.isActive ? "deactivate" : "activate"] as const
  ).filter((action) => user.can[action]);

  if (!user.can.setPassword && actions.length === 0)
    return <p className="muted">Changes to this user are for an administrator above their role.</p>;

  async function run(action: Action) {
    setConfirming(null);
    try {
      await mutations[action].mutateAsync({ userId: user.id });
      setMessage({ success: ACTION_TEXT[action].done });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
  }

  async function onSetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = textField(new FormData(event.currentTarget), "password");
    setPasswordError(null);
    try {
      await setPassword.mutateAsync({ userId: user.id, password });
      setSettingPassword(false);
      setMessage({ success: "Password set; their sessions ended." });
    } catch (error) {
      const failure = describeApiError(error);
      if (failure.fieldErrors.password) setPasswordError(failure.fieldErrors.password.join(" "));
      else setMessage({ error: failure.message });
    }
  }

  return (
    // Any click here is the next action: the last one's message goes.
    <div onClickCapture={() => setMessage({})}>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm ${ACTION_TEXT[confirming].label.toLowerCase()}`}>
          <span>{ACTION_TEXT[confirming].confirm!(user.username)}</span>
          <button type="button" className="danger small" onClick={() => run(confirming)} disabled={busy} autoFocus>
            Confirm
          </button>
          <button type="button" className="secondary small" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      ) : settingPassword ? (
        <form className="inline-form" onSubmit={onSetPassword} noValidate>
          <label htmlFor={`${id}-password`}>New password for {user.username}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            autoFocus
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? `${id}-password-error` : undefined}
          />
          <button type="submit" className="small" disabled={busy}>
            Save password
          </button>
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              setSettingPassword(false);
              setPasswordError(null);
            }}
          >
            Cancel
          </button>
          {passwordError && (
            <p className="field-error" id={`${id}-password-error`}>
              {passwordError}
            </p>
          )}
        </form>
      ) : (
        <div className="actions">
          {user.can.setPassword && (
            <button type="button" className="secondary small" onClick={() => setSettingPassword(true)} disabled={busy}>
              Set password
            </button>
          )}
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={ACTION_TEXT[action].confirm ? "danger-outline small" : "secondary small"}
              disabled={busy}
              onClick={() => (ACTION_TEXT[action].confirm ? setConfirming(action) : run(action))}
            >
              {ACTION_TEXT[action].label}
            </button>
          ))}
        </div>
      )}
      <MessageSlot {...message} />
    </div>
  );
}
