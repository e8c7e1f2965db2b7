"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../../lib/trpc";
import { ConfirmedAction } from "./confirmed-action";

type User = RouterOutputs["users"]["get"];

/**
 * A user's two-factor authentication as their admin sees it: on or off, and for someone who
 * lost both their app and their recovery codes, a reset (`users.resetMfa`) behind a
 * confirmation. The page reads the user again after it (user-page.tsx), which then shows it off.
 */
export function UserTwoFactor({ user }: { user: User }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.users.resetMfa.mutationOptions());

  return (
    <>
      <p>
        <span className={user.mfaEnabled ? "badge ok" : "badge off"}>{user.mfaEnabled ? "On" : "Off"}</span>{" "}
        {user.mfaEnabled
          ? "Logging in takes a code from their authenticator app or a recovery code."
          : "Their password alone logs them in."}
      </p>
      <ConfirmedAction
        label="Reset two-factor"
        confirmLabel="Confirm reset two-factor"
        question={`Reset two-factor authentication of ${user.username}? They are logged out everywhere, log in with their password alone, and can set it up again.`}
        offered={user.mfaEnabled && user.can.resetMfa}
        run={async () => {
          await reset.mutateAsync({ userId: user.id });
          return "Two-factor authentication reset; their sessions ended.";
        }}
      />
    </>
  );
}
