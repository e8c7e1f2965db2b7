import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { formatWhen } from "../../lib/format";
import { ROLE_LABELS } from "../../lib/labels";
import { currentAccount } from "../../server/account";
import { currentMfaStatus, mfaEnrolmentPending } from "../../server/mfa-enrolment";
import { ApiKeysSection } from "./api-keys-section";
import { ChangePasswordForm } from "./change-password-form";
import { PasskeysSection } from "./passkeys-section";
import { SessionsSection } from "./sessions-section";
import { TwoFactorSection } from "./two-factor-section";

export const metadata: Metadata = { title: "Your account" };

/**
 * The caller's profile, password, two-factor authentication, passkeys, API keys and sessions.
 * While their administrator requires two-factor authentication and they have no second factor
 * yet, the page offers the set-up (an authenticator app or a passkey) only: the other sections
 * would be refused.
 */
export default async function AccountPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
  const [mfaStatus, enrolmentPending] = await Promise.all([currentMfaStatus(), mfaEnrolmentPending()]);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="account-title">
        <h1 id="account-title">Your account</h1>
        <dl className="details">
          <dt>Username</dt>
          <dd>{account.username}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={account.createdAt}>{formatWhen(account.createdAt)}</time>
          </dd>
        </dl>
      </section>
      {!enrolmentPending && (
        <section className="card">
          <ChangePasswordForm />
        </section>
      )}
      <TwoFactorSection initialStatus={mfaStatus} username={account.username} required={enrolmentPending} />
      <PasskeysSection required={enrolmentPending} />
      {!enrolmentPending && <ApiKeysSection />}
      {!enrolmentPending && <SessionsSection />}
    </div>
  );
}
