"use client";
import { useState, type ReactNode } from "react";
import { FormMessage } from "../../../../components/form-message";
import { describeApiError } from "../../../../lib/api-error";
import { useClearOnNextAction } from "../../../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../../../lib/focus-return";

/**
 * One of an admin's actions on a user's page, behind an inline confirmation like the users
 * table's row actions: the button (when `offered`), the question with Confirm and Cancel in
 * its place (Escape cancels, the focus goes back to the button), then what came of it.
 * `run` does it and says what was done; a refusal shows the API's message.
 */
export function ConfirmedAction({
  label,
  confirmLabel,
  question,
  offered = true,
  disabled = false,
  run,
}: {
  label: string;
  /** The confirmation's name for assistive technology ("Confirm revoking all API keys"). */
  confirmLabel: string;
  question: ReactNode;
  offered?: boolean;
  disabled?: boolean;
  run: () => Promise<string>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const { refFor, close } = useFocusReturn<"open">();
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));
  const cancel = () => close(() => setConfirming(false), "open");

  async function confirm() {
    setConfirming(false);
    setMessage({});
    setPending(true);
    try {
      setMessage({ success: await run() });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="form-actions">
      {confirming ? (
        <div key="confirming" className="confirm" role="group" aria-label={confirmLabel} onKeyDown={onEscape(cancel)}>
          <span>{question}</span>
          <button type="button" className="danger small" onClick={confirm} disabled={pending} autoFocus>
            Confirm
          </button>
          <button type="button" className="secondary small" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        offered && (
          <button
            key="open"
            ref={refFor("open")}
            type="button"
            className="danger-outline small"
            disabled={pending || disabled}
            onClick={() => setConfirming(true)}
          >
            {label}
          </button>
        )
      )}
      <FormMessage {...message} />
    </div>
  );
}
