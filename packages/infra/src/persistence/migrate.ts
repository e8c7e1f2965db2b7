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

// What Prisma prints that says nothing about the migrations: where it loaded its config and
// schema from, and its warning that the schema's `url` is unused with a driver adapter (the
// schema keeps one because `prisma generate` needs it; see prisma.config.ts).
const NOISE = [
  /^(Loaded Prisma config|Prisma config detected|Prisma schema loaded|Datasource )/,
  /^WARNING: Your schema specifies the following datasource properties/,
  /^- (url|directUrl|shadowDatabaseUrl)$/,
  /^The values from your schema will NOT be used!$/,
  /^We recommend you to remove those properties from your schema/,
];

function withoutNoise(output: string): string {
  return output
    .split("\n")
    .filter((line) => !NOISE.some((pattern) => pattern.test(line.trim())))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Applies the pending migrations of the database's provider with the real Prisma CLI
 * (`prisma migrate deploy`, see prisma.config.ts) and returns what Prisma said about them;
 * throws MigrationError with Prisma's own explanation when it cannot.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  if (databaseProvider(databaseUrl) === "sqlite") prepareSqliteFile(sqliteFilePath(databaseUrl));
  try {
    const { stdout } = await promisify(execFile)(
      join(infraDir, "node_modules", ".bin", "prisma"),
      ["migrate", "deploy"],
      {
        cwd: infraDir,
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    );
    return withoutNoise(stdout);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new MigrationError(withoutNoise(`${stdout}\n${stderr}`) || String(error));
  }
}
