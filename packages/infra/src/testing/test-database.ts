import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseProvider } from "../persistence/database-url";
import { migrateDatabase } from "../persistence/migrate";

/** The PostgreSQL server tests use: its own databases are created and dropped there. */
export const TEST_POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export const TEST_PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

export interface TestDatabase {
  provider: DatabaseProvider;
  url: string;
  remove(): Promise<void>;
}

/**
 * The test run the templates belong to: set by `global-setup.ts` for a whole vitest run (its
 * teardown drops them), else this process.
 */
const runId = () => process.env.GATEHOUSE_TEST_RUN ?? `p${process.pid}`;

/**
 * A fresh, migrated database of its own. Migrations run once per test run into a template
 * (a SQLite file, or a PostgreSQL template database) that each test database then copies:
 * milliseconds instead of seconds. Templates are the run's own, so parallel runs (two
 * checkouts on one machine) never drop each other's.
 */
export function createTestDatabase(provider: DatabaseProvider = "sqlite"): Promise<TestDatabase> {
  return provider === "sqlite" ? createSqliteDatabase() : createPostgresDatabase();
}

/** Drops the templates `createTestDatabase` made in this run (a vitest globalSetup's teardown). */
export async function dropTestTemplates(): Promise<void> {
  rmSync(sqliteTemplatePath(), { force: true });
  await admin(async (client) => {
    await client.query("SELECT pg_advisory_lock(hashtext('gatehouse test template'))");
    try {
      await client.query(`DROP DATABASE IF EXISTS ${postgresTemplateName()} WITH (FORCE)`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('gatehouse test template'))");
    }
  });
}

/** Leftovers older than this belong to no running test run (a run takes minutes). */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes what earlier runs left behind: test runs that were killed (their globalSetup's
 * teardown never ran) or suites that crashed before dropping their databases. Only what is
 * older than STALE_AFTER_MS goes, so parallel runs (another checkout, another engineer's)
 * never lose a template or database in use: SQLite templates and test folders in the
 * temporary directory by their modification time, PostgreSQL templates and test databases
 * by their directory's (pg_stat_file; skipped where the role may not read it). Returns what
 * it removed.
 */
export async function sweepStaleTestDatabases(now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const cutoff = now - STALE_AFTER_MS;
  for (const name of readdirSync(tmpdir())) {
    if (!/^gatehouse-(template-.+\.db(\..+\.building)?|test-.+)$/.test(name)) continue;
    const path = join(tmpdir(), name);
    try {
      if (statSync(path).mtimeMs >= cutoff) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone already, or another user's: not ours to sweep
    }
  }
  try {
    await admin(async (client) => {
      await client.query("SELECT pg_advisory_lock(hashtext('gatehouse test template'))");
      try {
        const { rows } = await client.query<{ datname: string }>(
          `SELECT datname FROM pg_database
           WHERE datname ~ '^gatehouse_(template|test)_[a-z0-9_]+$'
             AND (pg_stat_file('base/' || oid)).modification < to_timestamp($1 / 1000.0)`,
          [cutoff],
        );
        for (const { datname } of rows) {
          await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
          removed.push(datname);
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('gatehouse test template'))");
      }
    });
  } catch {
    // No PostgreSQL here, or no right to read its files: nothing of ours to sweep there.
  }
  return removed;
}

const sqliteTemplatePath = () => join(tmpdir(), `gatehouse-template-${runId()}.db`);
const postgresTemplateName = () => `gatehouse_template_${runId()}`;

async function createSqliteDatabase(): Promise<TestDatabase> {
  const template = sqliteTemplatePath();
  if (!existsSync(template)) {
    const building = `${template}.${process.pid}.building`;
    await migrateDatabase(`file:${building}`);
    renameSync(building, template); // atomic: parallel test files never see half a template
  }
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  const path = join(dir, "test.db");
  copyFileSync(template, path);
  return { provider: "sqlite", url: `file:${path}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const template = postgresTemplateName();
  const name = `gatehouse_test_${randomBytes(6).toString("hex")}`;
  await admin(async (client) => {
    // One process at a time builds the template; the others wait here, then copy it.
    await client.query("SELECT pg_advisory_lock(hashtext('gatehouse test template'))");
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (rowCount === 0) {
        const building = `${template}_building`;
        await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${building}`);
        await migrateDatabase(withDatabase(TEST_POSTGRES_URL, building));
        await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      }
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('gatehouse test template'))");
    }
  });
  return {
    provider: "postgresql",
    url: withDatabase(TEST_POSTGRES_URL, name),
    remove: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
