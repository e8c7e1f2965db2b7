import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { databaseProvider, sqliteFilePath } from "./database-url";
import { prepareSqliteFile } from "./sqlite-file";

const infraDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Why the migrations could not be applied, in Prisma's words. */
export class MigrationError extends Error {
  constructor(readonly output: string) {
    super(`Applying the database migrations failed:\n${output}`);
    this.name = "MigrationError";
  }
}

/**
 * Applies the pending migrations of the database's provider with the real Prisma CLI
 * (`prisma migrate deploy`, see prisma.config.ts), quietly; throws MigrationError with
 * Prisma's own explanation when it cannot.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  if (databaseProvider(databaseUrl) === "sqlite") prepareSqliteFile(sqliteFilePath(databaseUrl));
  try {
    await promisify(execFile)(join(infraDir, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: infraDir,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}\n${stderr}`
      .split("\n")
      .filter((line) => line.trim() && !/^(Loaded Prisma config|Prisma config detected|Prisma schema loaded|Datasource )/.test(line))
      .join("\n");
    throw new MigrationError(output || String(error));
  }
}
