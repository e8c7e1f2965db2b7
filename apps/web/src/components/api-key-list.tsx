import type { RouterOutputs } from "@gatehouse/api";
import type { ReactNode } from "react";
import { formatWhen } from "../lib/format";
import styles from "./api-key-list.module.css";

export type ApiKey = RouterOutputs["account"]["apiKeys"]["list"][number];

export const SCOPE_LABELS: Record<ApiKey["scope"], string> = { read: "Read only", full: "Full" };

/** Expired keys stay listed (until revoked) but no longer work: they are marked so. */
export function isExpired(key: ApiKey, now = Date.now()): boolean {
  return Date.parse(key.expiresAt) <= now;
}

/**
 * API keys as their owner or their admin sees them (never the key itself: its first
 * characters only), each with what `action` gives it (the owner's Revoke).
 */
export function ApiKeyList({ keys, action }: { keys: ApiKey[]; action?: (key: ApiKey) => ReactNode }) {
  return (
    <ul className="sessions">
      {keys.map((key) => (
        <li key={key.id}>
          <div>
            <div className={styles.title}>
              <strong>{key.name}</strong>
              <span className={`badge ${styles[key.scope]}`}>{SCOPE_LABELS[key.scope]}</span>
              {isExpired(key) && <span className="badge off">Expired</span>}
            </div>
            <p className="muted">
              <code className="mono">{key.prefix}…</code> · created{" "}
              <time dateTime={key.createdAt}>{formatWhen(key.createdAt)}</time> · last used{" "}
              {key.lastUsedAt ? <time dateTime={key.lastUsedAt}>{formatWhen(key.lastUsedAt)}</time> : "never"} ·{" "}
              {isExpired(key) ? "expired" : "expires"} <time dateTime={key.expiresAt}>{formatWhen(key.expiresAt)}</time>
            </p>
          </div>
          {action?.(key)}
        </li>
      ))}
    </ul>
  );
}
