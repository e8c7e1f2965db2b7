"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormMessage } from "../../../../components/form-message";
import { describeApiError } from "../../../../lib/api-error";
import { useClearOnNextAction } from "../../../../lib/clear-on-next-action";
import { onEscape, useFocusReturn } from "../../../../lib/focus-return";
import { useTRPC } from "../../../../lib/trpc";

type User = RouterOutputs["users"]["get"];

/**
 * A user's two-factor authentication as their admin sees it: on or off, and for someone who
 * lost both their app and their recovery codes, a reset (`users.resetMfa`) behind a
 * confirmation, like the users table's row actions. The page reads the user again after it
 * (user-page.tsx), which then shows it off.
 */
export function UserTwoFactor({ user }: { user: User }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const reset = useMutation(trpc.users.resetMfa.mutationOptions());
  const { refFor, close } = useFocusReturn<"reset">();
  useClearOnNextAction(Boolean(message.error || message.success), () => setMessage({}));
  const cancel = () => close(() => setConfirming(false), "reset");

  async function run() {
    setConfirming(false);
    setMessage({});
    try {
      await reset.mutateAsync({ userId: user.id });
      setMessage({ success: "Two-factor authentication reset; their sessions ended." });
    } catch (error) {
      setMessage({ error: describeApiError(error).message });
    }
  }

  return (
    <>
      <p>
        <span className={user.mfaEnabled ? "badge ok" : "badge off"}>{user.mfaEnabled ? "On" : "Off"}</span>{" "}
        {user.mfaEnabled
          ? "Logging in takes a code from their authenticator app or a recovery code."
          : "Their password alone logs them in."}
      </p>
      <div className="form-actions">
        {confirming ? (
          <div className="confirm" role="group" aria-label="Confirm reset two-factor" onKeyDown={onEscape(cancel)}>
            <span>
              Reset two-factor authentication of {user.username}? They are logged out everywhere, log in with their
              password alone, and can set it up again.
            </span>
            <button type="button" className="danger small" onClick={run} disabled={reset.isPending} autoFocus>
              Confirm
            </button>
            <button type="button" className="secondary small" onClick={cancel}>
              Cancel
            </button>
          </div>
        ) : (
          user.mfaEnabled &&
          user.can.resetMfa && (
            <button
              ref={refFor("reset")}
              type="button"
              className="danger-outline small"
              onClick={() => setConfirming(true)}
              disabled={reset.isPending}
            >
              Reset two-factor
            </button>
          )
        )}
        <FormMessage {...message} />
      </div>
    </>
  );
}
