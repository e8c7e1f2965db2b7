import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { formatWhen } from "../../lib/format";
import { ROLE_LABELS } from "../../lib/labels";
import { currentAccount } from "../../server/account";
import { ChangePasswordForm } from "./change-password-form";
import { SessionsSection } from "./sessions-section";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
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
      <section className="card">
        <ChangePasswordForm />
      </section>
      <SessionsSection />
    </div>
  );
}
