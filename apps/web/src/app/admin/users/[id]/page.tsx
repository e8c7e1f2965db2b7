import { ADMINISTRATOR_ROLES } from "@gatehouse/api";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentAccount } from "../../../../server/account";
import { requireAdministrator } from "../../../../server/require-administrator";
import { loadUser } from "./load-user";
import { UserPage } from "./user-page";

type Props = { params: Promise<{ id: string }> };

/** The user's name as the title, for administrators (others get the 403 page). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const account = await currentAccount();
  const user = account && ADMINISTRATOR_ROLES.includes(account.role) ? await loadUser((await params).id) : null;
  return { title: user?.username ?? "User" };
}

/** One user: their profile and what the admin may do, their sessions and their history. */
export default async function AdminUserPage({ params }: Props) {
  const account = await requireAdministrator();
  const user = await loadUser((await params).id);
  if (!user) notFound();
  return <UserPage initialUser={user} viewerId={account.id} />;
}
