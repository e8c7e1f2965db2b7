"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormMessage } from "../../components/form-message";
import { describeSessionClient, SessionAddress, SessionBrowser } from "../../components/session-client";
import { describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { formatWhen } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";

/** The caller's sessions: where they are logged in, with a way to end each. */
export function SessionsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const endSession = useMutation(trpc.account.endSession.mutationOptions());
  const endOthers = useMutation(trpc.account.endOtherSessions.mutationOptions());
  const busy = endSession.isPending || endOthers.isPending;
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));

  async function act(work: () => Promise<unknown>, done: string) {
    setMessage({});
    try {
      await work();
      setMessage({ success: done });
      await queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
  }

  const others = sessions.data?.filter((session) => !session.current) ?? [];

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sessions</h2>
      <p className="muted">Where you are logged in. End any session you do not recognise.</p>
      {sessions.isPending && <p>Loading sessions…</p>}
      {sessions.isError && <FormMessage error={describeApiError(sessions.error).message} />}
      <ul className="sessions">
        {sessions.data?.map((session) => (
          <li key={session.id}>
            <div>
              <strong>
                <SessionBrowser userAgent={session.userAgent} />
              </strong>
              {session.current && <span className="badge ok">This session</span>}
              <p className="muted">
                <SessionAddress ipAddress={session.ipAddress} /> · last used {formatWhen(session.lastUsedAt)} · since{" "}
                {formatWhen(session.createdAt)}
              </p>
            </div>
            {!session.current && (
              <button
                type="button"
                className="secondary small"
                disabled={busy}
                aria-label={`End session from ${describeSessionClient(session)}, last used ${formatWhen(session.lastUsedAt)}`}
                onClick={() => act(() => endSession.mutateAsync({ sessionId: session.id }), "Session ended.")}
              >
                End
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          disabled={busy || others.length === 0}
          onClick={() => act(() => endOthers.mutateAsync(), "All other sessions ended.")}
        >
          End all other sessions
        </button>
        <FormMessage {...message} />
      </div>
    </section>
  );
}
