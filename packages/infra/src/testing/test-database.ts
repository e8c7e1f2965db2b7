import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const infraDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const migrationsDir = join(infraDir, "..", "..", "prisma", "sqlite", "migrations");

export interface TestDatabase {
  url: string;
  path: string;
  remove(): void;
}

/** Applies the real migrations with the real Prisma CLI (`prisma migrate deploy`). */
export function migrate(databaseUrl: string): void {
  execFileSync(join(infraDir, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: infraDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

/**
 * A fresh, migrated SQLite file of its own. The migrations run once per migration set into a
 * template file, which every test database then copies (milliseconds instead of seconds).
 */
export function createTestDatabase(): TestDatabase {
  const template = migratedTemplate();
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  const path = join(dir, "test.db");
  copyFileSync(template, path);
  return { url: `file:${path}`, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function migratedTemplate(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsDir, { recursive: true }).map(String).sort()) {
    const file = join(migrationsDir, name);
    if (name.endsWith(".sql")) hash.update(name).update(readFileSync(file));
  }
  const template = join(tmpdir(), `gatehouse-template-${hash.digest("hex").slice(0, 16)}.db`);
  if (!existsSync(template)) {
    const building = `${template}.${process.pid}.building`;
    migrate(`file:${building}`);
    renameSync(building, template); // atomic: parallel test files never see half a template
  }
  return template;
}
