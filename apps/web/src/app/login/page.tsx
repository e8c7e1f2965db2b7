import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "../../components/credentials-form";
import { currentAccount } from "../../server/account";

export const metadata: Metadata = { title: "Log in" };

export default async function LogInPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  if (await currentAccount()) redirect("/account");
  const { created } = await searchParams;
  return (
    <section className="card narrow">
      <h1>Log in</h1>
      <CredentialsForm mode="login" notice={created ? "Your account is ready. Log in to continue." : undefined} />
      <p className="aside">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </section>
  );
}
