"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { describeApiError } from "../../../lib/api-error";
import { useTRPC } from "../../../lib/trpc";
import { UserSessionsPanel } from "./user-sessions-panel";
import type { Viewer } from "./users-console";

interface Row {
  id: string;
  username: string;
  role: "super_admin" | "admin" | "user";
  isActive: boolean;
}

type Action = "grantAdmin" | "revokeAdmin" | "activate" | "deactivate";

const ACTION_TEXT: Record<Action, { label: string; confirm?: (name: string) => string; done: string }> = {
  grantAdmin: { label: "Grant admin", done: "Now an admin." },
  revokeAdmin: { label: "Revoke admin", confirm: (name) => `Take admin rights from ${name}?`, done: "No longer an admin." },
  activate: { label: "Activate", done: "Activated." },
  deactivate: { label: "Deactivate", confirm: (name) => `Deactivate ${name}? They are logged out everywhere.`, done: "Deactivated; their sessions ended." },
};

/** What the viewer may do to this row mirrors the API's rules; the API decides in the end. */
function allowedActions(viewer: Viewer, row: Row): { setPassword: boolean; actions: Action[] } {
  const manages = viewer.id !== row.id && (viewer.role === "super_admin" ? row.role !== "super_admin" : viewer.role === "admin" && row.role === "user");
  if (!manages) return { setPassword: false, actions: [] };
  const actions: Action[] = [];
  if (viewer.role === "super_admin") actions.push(row.role === "admin" ? "revokeAdmin" : "grantAdmin");
  actions.push(row.isActive ? "deactivate" : "activate");
  return { setPassword: true, actions };
}

export function UserRowActions({ user, viewer }: { user: Row; viewer: Viewer }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);
  const [showingSessions, setShowingSessions] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const mutations = {
    grantAdmin: useMutation(trpc.users.grantAdmin.mutationOptions()),
    revokeAdmin: useMutation(trpc.users.revokeAdmin.mutationOptions()),
    activate: useMutation(trpc.users.activate.mutationOptions()),
    deactivate: useMutation(trpc.users.deactivate.mutationOptions()),
  };
  const setPassword = useMutation(trpc.users.setPassword.mutationOptions());
  const busy = Object.values(mutations).some((m) => m.isPending) || setPassword.isPending;
  const { setPassword: maySetPassword, actions } = allowedActions(viewer, user);

  if (!maySetPassword && actions.length === 0) return <span className="muted">—</span>;

  async function run(action: Action) {
    setConfirming(null);
    setMessage(null);
    try {
      await mutations[action].mutateAsync({ userId: user.id });
      setMessage({ error: false, text: ACTION_TEXT[action].done });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
    } catch (error) {
      setMessage({ error: true, text: describeApiError(error).message });
    }
  }

  async function onSetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setMessage(null);
    try {
      await setPassword.mutateAsync({ userId: user.id, password });
      setSettingPassword(false);
      setMessage({ error: false, text: "Password set; their sessions ended." });
    } catch (error) {
      const failure = describeApiError(error);
      setMessage({ error: true, text: failure.fieldErrors.password?.join(" ") ?? failure.message });
    }
  }

  return (
    <div className="row-actions">
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
          <input id={`${id}-password`} name="password" type="password" autoComplete="new-password" required />
          <button type="submit" className="small" disabled={busy}>
            Save password
          </button>
          <button type="button" className="secondary small" onClick={() => setSettingPassword(false)}>
            Cancel
          </button>
        </form>
      ) : showingSessions ? (
        <UserSessionsPanel userId={user.id} username={user.username} onClose={() => setShowingSessions(false)} />
      ) : (
        <>
          {maySetPassword && (
            <button
              type="button"
              className="secondary small"
              onClick={() => setShowingSessions(true)}
              aria-label={`Sessions of ${user.username}`}
            >
              Sessions
            </button>
          )}
          {maySetPassword && (
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
              aria-label={`${ACTION_TEXT[action].label} ${user.username}`}
            >
              {ACTION_TEXT[action].label}
            </button>
          ))}
        </>
      )}
      {message && (
        <p className={message.error ? "field-error" : "ok-text"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
