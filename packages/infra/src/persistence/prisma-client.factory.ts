import { PrismaClient as PostgresPrismaClient } from "../generated/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client";
import { databaseProvider, sqliteFilePath } from "./database-url";
import { withDatabaseErrors } from "./database-error.translator";
import { createDriverAdapter } from "./driver-adapter.factory";
import { prepareSqliteFile } from "./sqlite-file";

/**
 * The client the adapters program against. The SQLite and PostgreSQL clients are generated
 * from two schemas with the same models (a test keeps them in step), so their model APIs
 * are the same; the SQLite client's type stands for both.
 */
export type PrismaClient = SqlitePrismaClient;

/**
 * The one place a Prisma client is made. The composition root calls it once per process
 * and hands the client to the adapters that need it.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (databaseProvider(databaseUrl) === "sqlite") {
    prepareSqliteFile(sqliteFilePath(databaseUrl));
    return new SqlitePrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  }
  const client = new PostgresPrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  return client as unknown as PrismaClient;
}

/** Asks the database for a trivial answer; throws `DatabaseUnavailableError` when it cannot. */
export async function pingDatabase(prisma: PrismaClient): Promise<void> {
  await withDatabaseErrors(() => prisma.$queryRaw`SELECT 1`);
}
