import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAccount } from "../../server/account";
import { LogOutButton } from "./log-out-button";

export const metadata: Metadata = { title: "Your account" };

const ROLE_LABELS = { super_admin: "Super admin", admin: "Admin", user: "User" } as const;

export default async function AccountPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
  return (
    <section className="card">
      <h1>Your account</h1>
      <dl className="details">
        <dt>Username</dt>
        <dd>{account.username}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[account.role]}</dd>
        <dt>Member since</dt>
        <dd>
          <time dateTime={account.createdAt}>
            {new Date(account.createdAt).toLocaleDateString("en", { dateStyle: "long", timeZone: "UTC" })}
          </time>
        </dd>
      </dl>
      <LogOutButton />
    </section>
  );
}
