"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { FormMessage } from "../../../components/form-message";
import { SessionAddress, SessionBrowser } from "../../../components/session-client";
import { describeApiError } from "../../../lib/api-error";
import { useClearOnNextAction } from "../../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../../lib/focus-return";
import { useTRPC } from "../../../lib/trpc";
import { formatWhen } from "../../../lib/format";

/**
 * A user's sessions as their admin sees them, with one way out: end them all. Escape cancels
 * the confirmation. Opened from a row (`onClose` given), it takes the focus and Escape or
 * "Close" closes it (`onClose` puts the focus back where it opened); as a section of the
 * user's page (no `onClose`), it is simply there.
 */
export function UserSessionsPanel({
  userId,
  username,
  onClose,
}: {
  userId: string;
  username: string;
  onClose?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const sessions = useQuery(trpc.users.sessions.queryOptions({ userId }));
  const endAll = useMutation(trpc.users.endSessions.mutationOptions());
  const { refFor, close } = useFocusReturn<"endAll">();
  const panel = useRef<HTMLDivElement>(null);
  // The button that opened the panel is gone: the focus goes to the panel, where Escape closes it.
  useEffect(() => {
    if (onClose) panel.current?.focus();
  }, [onClose]);
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));

  async function end() {
    setConfirming(false);
    try {
      await endAll.mutateAsync({ userId });
      setMessage({ success: "All sessions ended." });
      await queryClient.invalidateQueries({ queryKey: trpc.users.sessions.queryKey({ userId }) });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
  }

  const cancel = () => close(() => setConfirming(false), "endAll");

  return (
    <div
      ref={panel}
      className="sessions-panel"
      role="region"
      aria-label={`Sessions of ${username}`}
      tabIndex={onClose ? -1 : undefined}
      onKeyDown={onClose && onEscape(onClose)}
    >
      {sessions.isPending && <p>Loading sessions…</p>}
      {sessions.isError && <FormMessage compact error={describeApiError(sessions.error).message} />}
      {sessions.data && (
        <p>
          {sessions.data.length === 0
            ? "No active sessions."
            : `${sessions.data.length} active session${sessions.data.length === 1 ? "" : "s"}:`}
        </p>
      )}
      <ul className="sessions">
        {sessions.data?.map((session) => (
          <li key={session.id}>
            <span>
              <SessionBrowser userAgent={session.userAgent} /> · <SessionAddress ipAddress={session.ipAddress} /> · last
              used {formatWhen(session.lastUsedAt)}
            </span>
          </li>
        ))}
      </ul>
      {confirming ? (
        // Keyed, so React mounts the confirmation afresh (and its autoFocus applies) rather than
        // turning the buttons it replaces into its own.
        <div
          key="confirming"
          className="confirm"
          role="group"
          aria-label="Confirm ending all sessions"
          onKeyDown={onEscape(cancel)}
        >
          <span>Log {username} out everywhere?</span>
          <button type="button" className="danger small" onClick={end} disabled={endAll.isPending} autoFocus>
            Confirm
          </button>
          <button type="button" className="secondary small" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        <div key="actions" className="confirm">
          <button
            ref={refFor("endAll")}
            type="button"
            className="danger-outline small"
            disabled={endAll.isPending || (sessions.data?.length ?? 0) === 0}
            onClick={() => setConfirming(true)}
          >
            End all sessions
          </button>
          {onClose && (
            <button type="button" className="secondary small" onClick={onClose}>
              Close
            </button>
          )}
        </div>
      )}
      <FormMessage compact {...message} />
    </div>
  );
}
