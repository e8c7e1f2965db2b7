import type { Metadata } from "next";
import { requireAdministrator } from "../../../server/require-administrator";
import { AuditLogView } from "./audit-log-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { account, denied } = await requireAdministrator("Only administrators can read the audit log.");
  if (!account) return denied;
  return <AuditLogView />;
}
