import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaClient } from "../generated/prisma/client";
import { sqliteFilePath } from "./database-url";
import { withDatabaseErrors } from "./database-error.translator";
import { createSerializedSqliteAdapter } from "./serialized-sqlite.adapter";

export type { PrismaClient };

/**
 * The one place a Prisma client is made. The composition root calls it once per process
 * and hands the client to the adapters that need it.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  mkdirSync(dirname(sqliteFilePath(databaseUrl)), { recursive: true });
  // `timeout` is SQLite's busy timeout: wait this long for another process's write lock.
  const adapter = createSerializedSqliteAdapter({ url: databaseUrl, timeout: 5_000 });
  return new PrismaClient({ adapter });
}

/** Asks the database for a trivial answer; throws `DatabaseUnavailableError` when it cannot. */
export async function pingDatabase(prisma: PrismaClient): Promise<void> {
  await withDatabaseErrors(() => prisma.$queryRaw`SELECT 1`);
}
