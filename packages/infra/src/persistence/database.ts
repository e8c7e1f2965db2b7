import pg from "pg";
import { PostgresSessionCheck, SqliteSessionCheck, type SessionCheck } from "../auth/session-check";
import { PrismaClient as PostgresPrismaClient } from "../generated/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client";
import { databaseProvider, sqliteFilePath, type DatabaseProvider } from "./database-url";
import { createSqliteDriverAdapter, postgresPoolOptions } from "./driver-adapter.factory";
import { createPooledPgAdapter } from "./pooled-pg.adapter";
import type { PrismaClient } from "./prisma-client.factory";
import { prepareSqliteFile } from "./sqlite-file";

/**
 * The connections the app's queries use, at one moment (for metrics). PostgreSQL: the pool's
 * connections busy with a query or transaction, requests waiting for one, and its size.
 * SQLite: its one connection behind the lock (see serialized-sqlite.adapter.ts), busy or not
 * (the session check reads through a connection of its own, not counted).
 */
export interface PoolStats {
  inUse: number;
  waiting: number;
  max: number;
}

/**
 * The database a running Gatehouse uses: the Prisma client every adapter programs against,
 * and the session check's prepared statement on the same database (on PostgreSQL, on the
 * same connection pool, so `connection_limit` bounds both).
 */
export interface Database {
  readonly provider: DatabaseProvider;
  readonly prisma: PrismaClient;
  readonly sessionCheck: SessionCheck;
  /** Read at scrape time: cheap, no query. */
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/** Opens the database at a resolved `DATABASE_URL` (connections are made on first use). */
export function openDatabase(url: string): Database {
  if (databaseProvider(url) === "sqlite") {
    prepareSqliteFile(sqliteFilePath(url));
    const adapter = createSqliteDriverAdapter(url);
    const prisma = new SqlitePrismaClient({ adapter });
    const sessionCheck = new SqliteSessionCheck(sqliteFilePath(url));
    return {
      provider: "sqlite",
      prisma,
      sessionCheck,
      poolStats: () => ({ ...adapter.lockStats(), max: 1 }),
      async close() {
        await sessionCheck.close();
        await prisma.$disconnect();
      },
    };
  }
  const pool = new pg.Pool(postgresPoolOptions(url));
  // A pooled connection the server drops while idle (a restart, a failover, an operator's
  // pg_terminate_backend) is reported here and discarded; the next query opens a new one.
  // Without a listener, node-postgres would throw it out of the event loop.
  pool.on("error", () => undefined);
  const prisma = new PostgresPrismaClient({ adapter: createPooledPgAdapter(pool) }) as unknown as PrismaClient;
  return {
    provider: "postgresql",
    prisma,
    sessionCheck: new PostgresSessionCheck(pool),
    poolStats: () => ({
      inUse: pool.totalCount - pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max,
    }),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
