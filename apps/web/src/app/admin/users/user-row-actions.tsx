"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { FormMessage } from "../../../components/form-message";
import { describeApiError } from "../../../lib/api-error";
import { useClearOnNextAction } from "../../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../../lib/focus-return";
import { useTRPC } from "../../../lib/trpc";
import { UserSessionsPanel } from "./user-sessions-panel";
import { textField } from "../../../lib/form-fields";

type Row = RouterOutputs["users"]["list"]["items"][number];

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

/** Each action's other way: a button is as wide as the wider of the two labels (see same-width). */
const OTHER_WAY: Record<Action, Action> = {
  grantAdmin: "revokeAdmin",
  revokeAdmin: "grantAdmin",
  activate: "deactivate",
  deactivate: "activate",
};

/** The buttons this row offers: the API says what is allowed (`can`), the row's state picks which way. */
function offeredActions(row: Row): Action[] {
  const offered: Action[] = [
    row.role === "admin" ? "revokeAdmin" : "grantAdmin",
    row.isActive ? "deactivate" : "activate",
  ];
  return offered.filter((action) => row.can[action]);
}

/** A user's actions, in a row of the users table or on the user's page (`sessions: false`: the page has its own section). */
export function UserRowActions({ user, sessions = true }: { user: Row; sessions?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);
  const [showingSessions, setShowingSessions] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const container = useRef<HTMLDivElement>(null);
  // A success goes at the next action anywhere; an error stays while this row is being acted on.
  useClearOnNextAction(Boolean(message.success), () => setMessage({}));
  useClearOnNextAction(Boolean(message.error), () => setMessage({}), container);
  const { refFor, close } = useFocusReturn<Action | "setPassword" | "sessions">();

  const mutations = {
    grantAdmin: useMutation(trpc.users.grantAdmin.mutationOptions()),
    revokeAdmin: useMutation(trpc.users.revokeAdmin.mutationOptions()),
    activate: useMutation(trpc.users.activate.mutationOptions()),
    deactivate: useMutation(trpc.users.deactivate.mutationOptions()),
  };
  const setPassword = useMutation(trpc.users.setPassword.mutationOptions());
  const busy = Object.values(mutations).some((m) => m.isPending) || setPassword.isPending;
  const actions = offeredActions(user);

  if (!user.can.viewSessions && !user.can.setPassword && actions.length === 0) return <span className="muted">—</span>;

  // Cancel (the button or Escape) puts the focus back on the button that opened the confirmation or form.
  const cancelConfirm = (action: Action) => close(() => setConfirming(null), action);
  const cancelSetPassword = () => close(() => setSettingPassword(false), "setPassword");
  const closeSessions = () => close(() => setShowingSessions(false), "sessions");

  async function run(action: Action) {
    setConfirming(null);
    setMessage({});
    try {
      await mutations[action].mutateAsync({ userId: user.id });
      setMessage({ success: ACTION_TEXT[action].done });
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
  }

  async function onSetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = textField(new FormData(event.currentTarget), "password");
    setMessage({});
    try {
      await setPassword.mutateAsync({ userId: user.id, password });
      setSettingPassword(false);
      setMessage({ success: "Password set; their sessions ended." });
    } catch (error) {
      const failure = describeApiError(error);
      setMessage({ error: failure.fieldErrors.password?.join(" ") ?? failure.message });
    }
  }

  return (
    <div className="row-actions" ref={container}>
      {confirming ? (
        <div
          className="confirm"
          role="group"
          aria-label={`Confirm ${ACTION_TEXT[confirming].label.toLowerCase()}`}
          onKeyDown={onEscape(() => cancelConfirm(confirming))}
        >
          <span>{ACTION_TEXT[confirming].confirm!(user.username)}</span>
          <button type="button" className="danger small" onClick={() => run(confirming)} disabled={busy} autoFocus>
            Confirm
          </button>
          <button type="button" className="secondary small" onClick={() => cancelConfirm(confirming)}>
            Cancel
          </button>
        </div>
      ) : settingPassword ? (
        <form className="inline-form" onSubmit={onSetPassword} onKeyDown={onEscape(cancelSetPassword)} noValidate>
          <label htmlFor={`${id}-password`}>New password for {user.username}</label>
          <input id={`${id}-password`} name="password" type="password" autoComplete="new-password" required autoFocus />
          <button type="submit" className="small" disabled={busy}>
            Save password
          </button>
          <button type="button" className="secondary small" onClick={cancelSetPassword}>
            Cancel
          </button>
        </form>
      ) : showingSessions ? (
        <UserSessionsPanel userId={user.id} username={user.username} onClose={closeSessions} />
      ) : (
        <>
          {sessions && user.can.viewSessions && (
            <button
              ref={refFor("sessions")}
              type="button"
              className="secondary small"
              onClick={() => setShowingSessions(true)}
              aria-label={`Sessions of ${user.username}`}
            >
              Sessions
            </button>
          )}
          {user.can.setPassword && (
            <button
              ref={refFor("setPassword")}
              type="button"
              className="secondary small"
              onClick={() => setSettingPassword(true)}
              disabled={busy}
            >
              Set password
            </button>
          )}
          {actions.map((action) => (
            <button
              key={action}
              ref={refFor(action)}
              type="button"
              className={ACTION_TEXT[action].confirm ? "danger-outline small" : "secondary small"}
              disabled={busy}
              onClick={() => (ACTION_TEXT[action].confirm ? setConfirming(action) : run(action))}
              aria-label={`${ACTION_TEXT[action].label} ${user.username}`}
            >
              {/* Both labels take the space, one unseen: turning the action round moves nothing. */}
              <span className="same-width" data-other={ACTION_TEXT[OTHER_WAY[action]].label}>
                <span>{ACTION_TEXT[action].label}</span>
              </span>
            </button>
          ))}
        </>
      )}
      <FormMessage compact {...message} />
    </div>
  );
}
