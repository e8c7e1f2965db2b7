import type { Metadata } from "next";
import { requireAdministrator } from "../../../server/require-administrator";
import { UsersConsole } from "./users-console";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const { account, denied } = await requireAdministrator("Only administrators can manage users.");
  if (!account) return denied;
  return <UsersConsole viewer={{ role: account.role }} />;
}
