import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { isAdministrator } from "../../../lib/labels";
import { currentAccount } from "../../../server/account";
import { UsersConsole } from "./users-console";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (!isAdministrator(account.role)) {
    return (
      <section className="card narrow" aria-labelledby="denied-title">
        <h1 id="denied-title">Not allowed</h1>
        <p>Only administrators can manage users.</p>
        <p>
          <Link href="/account">Back to your account</Link>
        </p>
      </section>
    );
  }
  return <UsersConsole viewer={{ id: account.id, role: account.role }} />;
}
