import { AUDIT_EVENT_TYPES, type AuditEventType } from "@gatehouse/api";

/** What the audit log is filtered by, as the URL's query carries it ("" = any). */
export interface AuditFilters {
  type: AuditEventType | "";
  /** Usernames, as typed. */
  actor: string;
  target: string;
  /** Dates (YYYY-MM-DD): from, inclusive; to, exclusive. */
  from: string;
  to: string;
}

const NAMES = ["type", "actor", "target", "from", "to"] as const satisfies ReadonlyArray<keyof AuditFilters>;

export const NO_FILTERS: AuditFilters = { type: "", actor: "", target: "", from: "", to: "" };

const isEventType = (value: string): value is AuditEventType =>
  (AUDIT_EVENT_TYPES as readonly string[]).includes(value);

/**
 * The filters a link or a reload asks for. Values go to the API as they are (it says what is
 * wrong with one), except an unknown event type, which the event select could not show.
 */
export function filtersFromQuery(query: Record<string, string | string[] | undefined>): AuditFilters {
  const value = (name: keyof AuditFilters) => {
    const raw = query[name];
    return (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  };
  const type = value("type");
  return {
    type: isEventType(type) ? type : "",
    actor: value("actor"),
    target: value("target"),
    from: value("from"),
    to: value("to"),
  };
}

/** The query string for these filters ("" when there are none); what filtersFromQuery reads back. */
export function queryOfFilters(filters: AuditFilters): string {
  return new URLSearchParams(
    NAMES.filter((name) => filters[name] !== "").map((name) => [name, filters[name]]),
  ).toString();
}

export const hasFilters = (filters: AuditFilters) => NAMES.some((name) => filters[name] !== "");
