import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Any address with no page (HTTP 404), in the app's own look. */
export default function NotFound() {
  return (
    <section className="card narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p className="actions">
        <Link className="button" href="/">
          Go to the home page
        </Link>
      </p>
    </section>
  );
}
