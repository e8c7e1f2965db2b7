import type { ReactNode } from "react";
import { formatWhen } from "../lib/format";
import styles from "./api-key-list.module.css";

/** A passkey as `account.passkeys.list` and `users.passkeys` give it. */
export interface PasskeyItem {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Backed up by its provider (a synced passkey), so it survives the loss of one device. */
  backedUp: boolean;
}

/**
 * Passkeys as their owner or their admin sees them: name, when added and last used, and
 * "Synced" for one its provider backs up; each with what `action` gives it (the owner's
 * Rename and Remove).
 */
export function PasskeyList({
  passkeys,
  action,
}: {
  passkeys: PasskeyItem[];
  action?: (passkey: PasskeyItem) => ReactNode;
}) {
  return (
    <ul className="sessions">
      {passkeys.map((passkey) => (
        <li key={passkey.id}>
          <div>
            <div className={styles.title}>
              <strong>{passkey.name}</strong>
              {passkey.backedUp && (
                <span className="badge ok" title="Backed up by its provider, so losing one device does not lose it">
                  Synced
                </span>
              )}
            </div>
            <p className="muted">
              Added <time dateTime={passkey.createdAt}>{formatWhen(passkey.createdAt)}</time> · last used{" "}
              {passkey.lastUsedAt ? (
                <time dateTime={passkey.lastUsedAt}>{formatWhen(passkey.lastUsedAt)}</time>
              ) : (
                "never"
              )}
            </p>
          </div>
          {action?.(passkey)}
        </li>
      ))}
    </ul>
  );
}
