import Link from "next/link";

export default function HomePage() {
  return (
    <section className="card">
      <h1>Gatehouse</h1>
      <p>
        Accounts, sessions and administration for your applications, on your own servers. Sign up to get an account, or
        log in to manage yours.
      </p>
      <p className="actions">
        <Link className="button" href="/signup">
          Sign up
        </Link>
        <Link className="button secondary" href="/login">
          Log in
        </Link>
      </p>
    </section>
  );
}
