import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "../../components/credentials-form";
import { currentAccount } from "../../server/account";

export const metadata: Metadata = { title: "Log in" };

/** A query parameter given once; a repeated one (`?a=1&a=2`) is an array, and none of ours. */
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function LogInPage({
  searchParams,
}: {
  searchParams: Promise<{ created?: string | string[]; loggedOut?: string | string[] }>;
}) {
  if (await currentAccount()) redirect("/account");
  const params = await searchParams;
  // After sign-up (`?created=<username>`) the name is filled in; after log-out, it says so.
  const created = single(params.created);
  const notice = created
    ? "Your account is ready. Log in to continue."
    : single(params.loggedOut)
      ? "You have been logged out."
      : undefined;
  return (
    <section className="card narrow">
      <h1>Log in</h1>
      <CredentialsForm mode="login" notice={notice} username={created} />
      <p className="aside">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </section>
  );
}
