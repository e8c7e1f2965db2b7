import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { MFA_ENROLMENT_PATH } from "../../../../lib/mfa-enrolment";
import { getGatehouse } from "../../../../server/gatehouse";
import { isRefusedUntilMfaEnrolment } from "../../../../server/mfa-enrolment";

/**
 * The user of `/admin/users/[id]` as the signed-in caller may see them (`users.get`), or null
 * when no user has this id or it is not an id at all. Cached for the request: the page and its
 * title both ask. A caller who must first set up two-factor authentication goes to the set-up.
 * Other refusals (not signed in, not an admin) are thrown.
 */
export const loadUser = cache(async (userId: string) => {
  try {
    return await getGatehouse()
      .callerFor(await headers())
      .users.get({ userId });
  } catch (error) {
    // Compared by code, not `instanceof TRPCError` (see server/account.ts): USER_NOT_FOUND is
    // NOT_FOUND, a malformed id VALIDATION_FAILED, which is BAD_REQUEST.
    if (isRefusedUntilMfaEnrolment(error)) redirect(MFA_ENROLMENT_PATH);
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return null;
    throw error;
  }
});
