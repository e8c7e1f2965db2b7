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
export async function requireAdministratorAccount(): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (!ADMINISTRATOR_ROLES.includes(account.role)) forbidden();
  return account;
}

/**
 * The same in the shape the admin pages were written for (`if (!account) return denied;`),
 * from when the refusal was rendered here; `denied` is never set now, and the reason is the
 * 403 page's. New pages: `const account = await requireAdministratorAccount();`.
 */
export async function requireAdministrator(_why?: string): Promise<{ account: Account; denied: null }> {
  return { account: await requireAdministratorAccount(), denied: null };
}
