"use client";
import { useState } from "react";
import { useClearOnNextAction } from "../lib/clear-on-next-action";

/**
 * Copies `text` to the clipboard and says so beside the button. The clipboard is there only
 * in a secure context (https, or localhost); elsewhere the button says to select the text.
 */
export function CopyButton({ text, label, describes }: { text: string; label: string; describes?: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  useClearOnNextAction(outcome !== null, () => setOutcome(null));

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  }

  return (
    <span className="copy">
      <button type="button" className="secondary small" onClick={copy} aria-label={describes}>
        {label}
      </button>
      <span role="status" className={outcome === "failed" ? "field-error" : "ok-text"}>
        {outcome === "copied" ? "Copied." : outcome === "failed" ? "Could not copy; select the text instead." : ""}
      </span>
    </span>
  );
}
