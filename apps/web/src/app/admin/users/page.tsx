import type { Metadata } from "next";
import { requireAdministrator } from "../../../server/require-administrator";
import { UsersConsole } from "./users-console";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const account = await requireAdministrator();
  return <UsersConsole viewer={{ role: account.role }} />;
}
