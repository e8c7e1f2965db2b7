import "server-only";
import { ADMINISTRATOR_ROLES } from "@gatehouse/api";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentAccount } from "./account";

/**
 * The signed-in administrator, or what to render instead: anonymous visitors go to /login,
 * other signed-in people get a "Not allowed" page that says why.
 */
export async function requireAdministrator(
  why: string,
): Promise<
  | { account: NonNullable<Awaited<ReturnType<typeof currentAccount>>>; denied: null }
  | { account: null; denied: ReactNode }
> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  if (ADMINISTRATOR_ROLES.includes(account.role)) return { account, denied: null };
  return {
    account: null,
    denied: (
      <section className="card narrow" aria-labelledby="denied-title">
        <h1 id="denied-title">Not allowed</h1>
        <p>{why}</p>
        <p>
          <Link href="/account">Back to your account</Link>
        </p>
      </section>
    ),
  };
}
