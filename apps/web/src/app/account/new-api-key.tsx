"use client";
import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../../components/copy-button";
import type { CreatedKey } from "./create-api-key-form";
import styles from "./api-keys.module.css";

/**
 * A new key, shown this once (the server keeps only its hash): copy it, then say it is saved
 * to go on. The heading takes the focus, so a screen reader starts here.
 */
export function NewApiKey({ created, onSaved }: { created: CreatedKey; onSaved: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Your new API key “{created.name}”
      </h3>
      <p className="notice warning">
        <strong>Copy it now: it is shown only this once.</strong> Keep it as you would a password; whoever has it can
        act as you.
      </p>
      <p className={styles.keyLine}>
        <code className={styles.key} aria-label="New API key">
          {created.key}
        </code>
        <CopyButton text={created.key} label="Copy" describes="Copy the API key" />
      </p>
      <p className="muted">
        Programs send it as <code>Authorization: Bearer</code> followed by the key.
      </p>
      <div className="form-actions">
        <button type="button" onClick={onSaved}>
          I have saved it
        </button>
      </div>
    </div>
  );
}
