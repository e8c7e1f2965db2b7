import type { RouterOutputs } from "@gatehouse/api";
import type { ReactNode } from "react";
import { SessionAddress } from "../../../components/session-client";
import { formatWhen } from "../../../lib/format";
import styles from "../admin.module.css";
import { UserLink } from "../user-link";
import { AUDIT_EVENT_LABELS, LOG_IN_METHOD_LABELS } from "./event-labels";

export type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

/**
 * Audit events as people read them: when, what (in words, with how for a log-in), who did it and to whom (each a
 * link to their page), from where. `placeholder` fills the table while there are no rows to
 * show (loading, nothing matches, a refused filter).
 */
export function AuditEventsTable({
  events,
  busy,
  placeholder,
}: {
  events: AuditEvent[] | undefined;
  busy: boolean;
  placeholder: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col" className="plain">
              Time
            </th>
            <th scope="col" className="plain">
              Event
            </th>
            <th scope="col" className="plain">
              Actor
            </th>
            <th scope="col" className="plain">
              Target
            </th>
            <th scope="col" className="plain">
              Client
            </th>
          </tr>
        </thead>
        <tbody>
          {events?.map((event) => (
            <tr key={event.id}>
              <th scope="row">
                <time dateTime={event.occurredAt} className={styles.when}>
                  {formatWhen(event.occurredAt)}
                </time>
              </th>
              <td data-label="Event">
                {AUDIT_EVENT_LABELS[event.type]}
                {event.method && <span className="muted"> ({LOG_IN_METHOD_LABELS[event.method]})</span>}
              </td>
              <td data-label="Actor">
                <Person id={event.actorId} username={event.actorUsername} />
              </td>
              <td data-label="Target">
                <Person id={event.targetId} username={event.targetUsername} attempted={event.attemptedUsername} />
              </td>
              <td data-label="Client">
                {event.clientIp ? <SessionAddress ipAddress={event.clientIp} /> : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
          {(!events || events.length === 0) && (
            <tr>
              <td colSpan={5} className="empty">
                {placeholder}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Someone in an event: their name linking to their page; or, for a log-in that named no one
 * we know (or was throttled before the name was looked up), the name that was tried, as text.
 */
function Person({
  id,
  username,
  attempted,
}: {
  id: string | null;
  username: string | null;
  attempted?: string | null;
}) {
  if (id) return username ? <UserLink id={id} username={username} /> : <span className="mono">{id}</span>;
  if (attempted)
    return (
      <span>
        {attempted} <span className="muted">(name tried)</span>
      </span>
    );
  return <span className="muted">—</span>;
}
