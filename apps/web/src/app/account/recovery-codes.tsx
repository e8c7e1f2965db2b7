"use client";
import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../../components/copy-button";
import styles from "./two-factor.module.css";

/** The codes as a text file: what they are for, then one code a line. */
function recoveryCodesFile(username: string, codes: string[]): string {
  return [
    `Gatehouse recovery codes for ${username}`,
    "Each code logs you in once, in place of a code from your authenticator app.",
    "",
    ...codes,
    "",
  ].join("\n");
}

/**
 * New recovery codes, shown this once (the server keeps only their hashes): copy them,
 * download them, and say they are saved to go on. The heading takes the focus, so a screen
 * reader starts here.
 */
export function RecoveryCodes({
  codes,
  username,
  intro,
  onSaved,
}: {
  codes: string[];
  username: string;
  intro: string;
  onSaved: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const file = recoveryCodesFile(username, codes);

  return (
    <div role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Save your recovery codes
      </h3>
      <p className="notice">{intro}</p>
      <p>
        If you lose your authenticator app, each code lets you log in once. <strong>They are shown only now</strong>:
        keep them somewhere safe, such as a password manager.
      </p>
      <ol className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="actions">
        <CopyButton text={codes.join("\n")} label="Copy" describes="Copy the recovery codes" />
        <a
          className="button secondary small"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`}
          download="gatehouse-recovery-codes.txt"
        >
          Download
        </a>
      </p>
      <div className="form-actions">
        <button type="button" onClick={onSaved}>
          I have saved them
        </button>
      </div>
    </div>
  );
}
