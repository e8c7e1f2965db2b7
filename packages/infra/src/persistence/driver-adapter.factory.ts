import { databaseProvider, POOL_PARAMETERS } from "./database-url";
import { createPooledPgAdapter } from "./pooled-pg.adapter";
import { createSerializedSqliteAdapter } from "./serialized-sqlite.adapter";

export interface PostgresPoolOptions {
  connectionString: string;
  max: number;
  /** ms to wait for a free pooled connection (`pool_timeout`, seconds in the URL). */
  connectionTimeoutMillis: number;
  idleTimeoutMillis: number;
  /**
   * Idle pooled connections do not keep the process alive: a CLI run (`prisma migrate
   * deploy`, a local command) exits when its work is done instead of waiting
   * `idleTimeoutMillis` (30 s) for the pool to close them. A server is kept alive by its
   * listening socket anyway.
   */
  allowExitOnIdle: boolean;
}

/** node-postgres pool options from a `postgresql://` URL. */
export function postgresPoolOptions(url: string): PostgresPoolOptions {
  const parsed = new URL(url);
  const number = (name: (typeof POOL_PARAMETERS)[number], fallback: number) => {
    const value = parsed.searchParams.get(name);
    return value === null ? fallback : Number(value);
  };
  const options = {
    max: number("connection_limit", 10),
    connectionTimeoutMillis: number("pool_timeout", number("connect_timeout", 5)) * 1000,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  };
  // Ours, not node-postgres's: removed before the URL reaches it.
  for (const name of POOL_PARAMETERS) parsed.searchParams.delete(name);
  return { connectionString: parsed.toString(), ...options };
}

/** The Prisma driver adapter for a `file:` URL (serialised, see there). */
export function createSqliteDriverAdapter(url: string) {
  // `timeout` is SQLite's busy timeout: wait this long for another process's write lock.
  return createSerializedSqliteAdapter({ url, timeout: 5_000 });
}

/** The Prisma driver adapter for a database URL: SQLite (serialised, see there) or PostgreSQL. */
export function createDriverAdapter(url: string) {
  if (databaseProvider(url) === "sqlite") return createSqliteDriverAdapter(url);
  return createPooledPgAdapter(postgresPoolOptions(url));
}
