import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
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
 * Whether the signed-in caller must set up two-factor authentication before anything else:
 * REQUIRE_MFA applies to them and they have not. `account.me` does not say so, so this asks
 * what a page would: with two-factor on, nothing is held back; otherwise their own sessions
 * (a call any signed-in person may make) are refused exactly when the set-up is required.
 * Once per request.
 */
export const mfaEnrolmentPending = cache(async (): Promise<boolean> => {
  if ((await currentMfaStatus()).totpEnabled) return false;
  try {
    await getGatehouse()
      .callerFor(await headers())
      .account.sessions();
    return false;
  } catch (error) {
    if (isRefusedUntilMfaEnrolment(error)) return true;
    throw error;
  }
});
