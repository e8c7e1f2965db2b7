import "server-only";
import { ADMINISTRATOR_ROLES } from "@gatehouse/api";
import { forbidden, redirect } from "next/navigation";
import { currentAccount } from "./account";

type Account = NonNullable<Awaited<ReturnType<typeof currentAccount>>>;

/**
 * The signed-in administrator. Anonymous visitors go to /login; other signed-in people get
 * HTTP 403 and the "Not allowed" page (app/forbidden.tsx), through Next.js's `forbidden()`
 * (`experimental.authInterrupts` in next.config.ts).
 */
export async function requireAdministrator(): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (!ADMINISTRATOR_ROLES.includes(account.role)) forbidden();
  return account;
}
