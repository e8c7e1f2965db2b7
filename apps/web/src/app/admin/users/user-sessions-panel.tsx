"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessage } from "../../../components/form-message";
import { describeApiError } from "../../../lib/api-error";
import { useTRPC } from "../../../lib/trpc";
import { formatWhen } from "../../../lib/format";

/** A user's sessions as their admin sees them, with one way out: end them all. */
export function UserSessionsPanel({
  userId,
  username,
  onClose,
}: {
  userId: string;
  username: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const sessions = useQuery(trpc.users.sessions.queryOptions({ userId }));
  const endAll = useMutation(trpc.users.endSessions.mutationOptions());

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

  return (
    <div className="sessions-panel" role="region" aria-label={`Sessions of ${username}`}>
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
              {session.ipAddress ?? "unknown address"} · {session.userAgent ?? "unknown device"} · last used{" "}
              {formatWhen(session.lastUsedAt)}
            </span>
          </li>
        ))}
      </ul>
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm ending all sessions">
          <span>Log {username} out everywhere?</span>
          <button type="button" className="danger small" onClick={end} disabled={endAll.isPending} autoFocus>
            Confirm
          </button>
          <button type="button" className="secondary small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="confirm">
          <button
            type="button"
            className="danger-outline small"
            disabled={endAll.isPending || (sessions.data?.length ?? 0) === 0}
            onClick={() => setConfirming(true)}
          >
            End all sessions
          </button>
          <button type="button" className="secondary small" onClick={onClose}>
            Close
          </button>
        </div>
      )}
      <FormMessage compact {...message} />
    </div>
  );
}
