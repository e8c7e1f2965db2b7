import "server-only";
import { ADMINISTRATOR_ROLES } from "@gatehouse/api";
import { forbidden, redirect } from "next/navigation";
import { MFA_ENROLMENT_PATH } from "../lib/mfa-enrolment";
import { currentAccount } from "./account";
import { mfaEnrolmentPending } from "./mfa-enrolment";

type Account = NonNullable<Awaited<ReturnType<typeof currentAccount>>>;

/**
 * The signed-in administrator. Anonymous visitors go to /login; other signed-in people get
 * HTTP 403 and the "Not allowed" page (app/forbidden.tsx), through Next.js's `forbidden()`
 * (`experimental.authInterrupts` in next.config.ts). An administrator who must first set up
 * two-factor authentication (REQUIRE_MFA) goes to the set-up: every admin page would refuse them.
 */
export async function requireAdministrator(): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (!ADMINISTRATOR_ROLES.includes(account.role)) forbidden();
  if (await mfaEnrolmentPending()) redirect(MFA_ENROLMENT_PATH);
  return account;
}
