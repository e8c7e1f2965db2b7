// better-auth for the P2 comparison: email and password, its own SQLite database through
// better-sqlite3 (BETTER_AUTH_DATABASE_PATH), its tables created programmatically on first use
// with `getMigrations` (its CLI needs Object.groupBy, i.e. Node 21+).
//
// Session reads: with a database configured, better-auth's cookie cache is OFF by default
// (it is only turned on by default for stateless, database-less set-ups), so
// `GET /api/auth/get-session` verifies the signed cookie and reads the session joined to its
// user from the database on every request, as Gatehouse does. We say so explicitly below.
// Its session refresh (`updateAge`, 1 day by default) is left at the default: a fresh
// session is not written on read.
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import Database from "better-sqlite3";

function options() {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) throw new Error("BETTER_AUTH_SECRET is not set");
  return {
    database: new Database(process.env.BETTER_AUTH_DATABASE_PATH ?? "better-auth.db", { timeout: 5_000 }),
    secret,
    baseURL: process.env.BETTER_AUTH_URL,
    emailAndPassword: { enabled: true },
    // In production it limits get-session to 100 per 10 s per IP: off for the measurement.
    rateLimit: { enabled: false },
    // The default with a database, stated explicitly: every get-session reads the database.
    session: { cookieCache: { enabled: false } },
    telemetry: { enabled: false },
  } satisfies BetterAuthOptions;
}

function create() {
  const config = options();
  return getMigrations(config)
    .then(({ runMigrations }) => runMigrations())
    .then(() => betterAuth(config));
}

let ready: ReturnType<typeof create> | undefined;

/** The one better-auth instance of this process, its tables created on first use. */
export function getAuth(): ReturnType<typeof create> {
  if (!ready) {
    ready = create();
    ready.catch(() => (ready = undefined)); // a failed start is retried by the next request
  }
  return ready;
}
