// `pnpm db:migrate`: applies the pending migrations to DATABASE_URL (or the default SQLite
// file) and prints what Prisma applied, without its config chatter; exit 1 with Prisma's
// reason when it cannot.
import { resolveDatabaseUrl } from "../src/persistence/database-url";
import { migrateDatabase, MigrationError } from "../src/persistence/migrate";

try {
  console.log(await migrateDatabase(resolveDatabaseUrl(process.env.DATABASE_URL)));
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
