import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

/** What a signed-in person sees, with HTTP 403, on a page their role may not see (see require-administrator.tsx). */
export default function Forbidden() {
  return (
    <section className="card narrow" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>Only administrators can see this page.</p>
      <p className="actions">
        <Link className="button" href="/account">
          Back to your account
        </Link>
        <Link className="button secondary" href="/">
          Home
        </Link>
      </p>
    </section>
  );
}
