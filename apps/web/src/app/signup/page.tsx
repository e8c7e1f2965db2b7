import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "../../components/credentials-form";
import { currentAccount } from "../../server/account";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await currentAccount()) redirect("/account");
  return (
    <section className="card narrow">
      <h1>Create your account</h1>
      <CredentialsForm mode="signup" />
      <p className="aside">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}
