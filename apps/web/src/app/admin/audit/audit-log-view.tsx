"use client";
import { AUDIT_EVENT_TYPES } from "@gatehouse/api";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormMessage } from "../../../components/form-message";
import { Pager } from "../../../components/pager";
import { describeApiError } from "../../../lib/api-error";
import { useTRPC } from "../../../lib/trpc";
import { formatWhen } from "../../../lib/format";

/** The audit log, newest first, filtered by type, actor, target and time. */
export function AuditLogView() {
  const trpc = useTRPC();
  const id = useId();
  const [filters, setFilters] = useState({ type: "", actorId: "", targetId: "", from: "", to: "" });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const input = {
    limit: 50,
    cursor: cursors.at(-1) ?? null,
    type: filters.type || null,
    actorId: filters.actorId.trim() || null,
    targetId: filters.targetId.trim() || null,
    from: filters.from || null,
    to: filters.to || null,
  };
  const events = useQuery({ ...trpc.audit.list.queryOptions(input), placeholderData: keepPreviousData });
  const failure = events.isError ? describeApiError(events.error) : null;

  function set(field: keyof typeof filters, value: string) {
    setFilters({ ...filters, [field]: value });
    setCursors([null]);
  }

  const field = (name: keyof typeof filters, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        value={filters[name]}
        onChange={(event) => set(name, event.target.value)}
        aria-invalid={failure?.fieldErrors[name] ? true : undefined}
      />
      {failure?.fieldErrors[name] && <p className="field-error">{failure.fieldErrors[name].join(" ")}</p>}
    </div>
  );

  return (
    <div className="stack wide">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Audit log</h1>
        <div className="filters" role="search">
          <div className="field">
            <label htmlFor={`${id}-type`}>Event</label>
            <select id={`${id}-type`} value={filters.type} onChange={(event) => set("type", event.target.value)}>
              <option value="">All events</option>
              {AUDIT_EVENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </div>
          {field("actorId", "Actor id")}
          {field("targetId", "Target id")}
          {field("from", "From", "date")}
          {field("to", "To (before)", "date")}
        </div>
        {failure && Object.keys(failure.fieldErrors).length === 0 && <FormMessage error={failure.message} />}
        <div className="table-scroll">
          <table aria-busy={events.isFetching || events.isPlaceholderData}>
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
              {events.data?.items.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <time dateTime={event.occurredAt}>{formatWhen(event.occurredAt)}</time>
                  </th>
                  <td data-label="Event">
                    {event.type}
                    {event.attemptedUsername && <span className="muted"> ({event.attemptedUsername})</span>}
                  </td>
                  <td data-label="Actor" className="mono">
                    {event.actorId ?? "—"}
                  </td>
                  <td data-label="Target" className="mono">
                    {event.targetId ?? "—"}
                  </td>
                  <td data-label="Client" className="mono">
                    {event.clientIp ?? "—"}
                  </td>
                </tr>
              ))}
              {events.data && events.data.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty">
                    No events match.
                  </td>
                </tr>
              )}
              {events.isPending && (
                <tr>
                  <td colSpan={5} className="empty">
                    Loading…
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <Pager
          cursors={cursors}
          nextCursor={events.data?.nextCursor}
          onChange={setCursors}
          labels={["Newer", "Older"]}
        />
      </section>
    </div>
  );
}
