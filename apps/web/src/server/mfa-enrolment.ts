import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { mfaRequiredFor } from "@gatehouse/api";
import { currentAccount } from "./account";
import { getGatehouse } from "./gatehouse";

/**
 * Whether an in-process call was refused until the caller sets up two-factor authentication
 * (MFA_ENROLMENT_REQUIRED). Compared by the cause's code, not by class (see account.ts).
 */
export function isRefusedUntilMfaEnrolment(error: unknown): boolean {
  return (error as { cause?: { code?: unknown } } | null)?.cause?.code === "MFA_ENROLMENT_REQUIRED";
}

/** The signed-in caller's two-factor state (`account.mfa.status`), once per request. */
export const currentMfaStatus = cache(async () =>
  getGatehouse()
    .callerFor(await headers())
    .account.mfa.status(),
);

/**
 * Whether the signed-in caller must set up a second factor before anything else: REQUIRE_MFA
 * applies to their role (the rule the use cases apply) and they have neither an authenticator
 * app nor a passkey. Once per request.
 */
export const mfaEnrolmentPending = cache(async (): Promise<boolean> => {
  const account = await currentAccount();
  if (!account || !mfaRequiredFor(getGatehouse().container.config.requireMfa, account.role)) return false;
  if ((await currentMfaStatus()).totpEnabled) return false;
  const passkeys = await getGatehouse()
    .callerFor(await headers())
    .account.passkeys.list();
  return passkeys.length === 0;
});
