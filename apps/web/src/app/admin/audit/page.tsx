import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { isAdministrator } from "../../../lib/labels";
import { currentAccount } from "../../../server/account";
import { AuditLogView } from "./audit-log-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (!isAdministrator(account.role)) {
    return (
      <section className="card narrow" aria-labelledby="denied-title">
        <h1 id="denied-title">Not allowed</h1>
        <p>Only administrators can read the audit log.</p>
        <p>
          <Link href="/account">Back to your account</Link>
        </p>
      </section>
    );
  }
  return <AuditLogView />;
}
