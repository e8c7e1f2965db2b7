"use client";
import { AUDIT_EVENT_TYPES, type AuditEventType } from "@gatehouse/api";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Pager } from "../../../components/pager";
import { describeApiError } from "../../../lib/api-error";
import { useTRPC } from "../../../lib/trpc";
import { AuditEventsTable } from "./audit-events-table";
import { hasFilters, NO_FILTERS, queryOfFilters, type AuditFilters } from "./audit-filters";
import { AUDIT_EVENT_LABELS } from "./event-labels";
import { UsernameFilter } from "./username-filter";

/** The API's field for each filter, where its errors come back. */
const API_FIELD = {
  type: "type",
  actor: "actorUsername",
  target: "targetUsername",
  from: "from",
  to: "to",
} as const satisfies Record<keyof AuditFilters, string>;

/**
 * The audit log, newest first, filtered by event, actor, target and time. The filters live
 * in the URL's query, so a link to a filtered log (or a reload) shows the same events.
 */
export function AuditLogView({ initialFilters }: { initialFilters: AuditFilters }) {
  const trpc = useTRPC();
  const id = useId();
  const [filters, setFilters] = useState(initialFilters);
  // The usernames as typed; they become filters when chosen (see UsernameFilter).
  const [drafts, setDrafts] = useState({ actor: initialFilters.actor, target: initialFilters.target });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);

  const events = useQuery({
    ...trpc.audit.list.queryOptions({
      limit: 50,
      cursor: cursors.at(-1) ?? null,
      type: filters.type || null,
      actorUsername: filters.actor || null,
      targetUsername: filters.target || null,
      from: filters.from || null,
      to: filters.to || null,
    }),
    placeholderData: keepPreviousData,
  });
  const failure = events.isError ? describeApiError(events.error) : null;
  const fieldError = (name: keyof AuditFilters) => failure?.fieldErrors[API_FIELD[name]]?.join(" ");

  // Replaced, not pushed: the URL follows the filters without a history entry per change.
  useEffect(() => {
    const query = queryOfFilters(filters);
    if (query !== window.location.search.slice(1))
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }, [filters]);

  /** A new question starts again at the first page, in the same update as the change. */
  function apply(change: Partial<AuditFilters>) {
    const next = { ...filters, ...change };
    if (queryOfFilters(next) === queryOfFilters(filters)) return;
    setFilters(next);
    setCursors([null]);
  }

  function clearAll() {
    setDrafts({ actor: "", target: "" });
    apply(NO_FILTERS);
  }

  const dateField = (name: "from" | "to", label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type="date"
        value={filters[name]}
        onChange={(event) => apply({ [name]: event.target.value })}
        aria-invalid={fieldError(name) ? true : undefined}
        aria-describedby={fieldError(name) ? `${id}-${name}-error` : undefined}
      />
      {fieldError(name) && (
        <p className="field-error" id={`${id}-${name}-error`}>
          {fieldError(name)}
        </p>
      )}
    </div>
  );

  const placeholder = events.isPending ? (
    "Loading…"
  ) : failure ? (
    <span role="alert">
      {Object.keys(failure.fieldErrors).length > 0 ? "Correct the highlighted filter to see events." : failure.message}
    </span>
  ) : hasFilters(filters) ? (
    "No events match these filters."
  ) : (
    "No events yet."
  );

  return (
    <div className="stack wide">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Audit log</h1>
        <div className="filters" role="search">
          <div className="field">
            <label htmlFor={`${id}-type`}>Event</label>
            <select
              id={`${id}-type`}
              value={filters.type}
              onChange={(event) => apply({ type: event.target.value as AuditEventType | "" })}
              aria-invalid={fieldError("type") ? true : undefined}
            >
              <option value="">All events</option>
              {AUDIT_EVENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {AUDIT_EVENT_LABELS[type]}
                </option>
              ))}
            </select>
            {fieldError("type") && <p className="field-error">{fieldError("type")}</p>}
          </div>
          <UsernameFilter
            id={`${id}-actor`}
            label="Actor"
            draft={drafts.actor}
            onDraftChange={(actor) => setDrafts((typed) => ({ ...typed, actor }))}
            onApply={(actor) => apply({ actor })}
            error={fieldError("actor")}
          />
          <UsernameFilter
            id={`${id}-target`}
            label="Target"
            draft={drafts.target}
            onDraftChange={(target) => setDrafts((typed) => ({ ...typed, target }))}
            onApply={(target) => apply({ target })}
            error={fieldError("target")}
          />
          {dateField("from", "From")}
          {dateField("to", "To (before)")}
        </div>
        <p className="summary">
          Newest first.{" "}
          {(hasFilters(filters) || drafts.actor !== "" || drafts.target !== "") && (
            <button type="button" className="link-button" onClick={clearAll}>
              Clear filters
            </button>
          )}
        </p>
        <AuditEventsTable
          events={events.isError ? undefined : events.data?.items}
          busy={events.isPending || events.isFetching || events.isPlaceholderData}
          placeholder={placeholder}
        />
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
