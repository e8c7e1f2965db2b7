import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The folder that holds `pnpm-workspace.yaml`, or `start` itself outside the monorepo. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  // The comments tell Next.js's bundler this is a run-time path, not a file to trace.
  let dir = resolve(/* turbopackIgnore: true */ start);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(/* turbopackIgnore: true */ start);
    dir = parent;
  }
  return dir;
}

/** Where Gatehouse keeps its local state (SQLite file, development pepper). */
export function defaultDataDir(): string {
  return join(findWorkspaceRoot(), ".data");
}

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/**
 * `DATABASE_URL` as given, or the embedded SQLite file under `.data/`. `postgresql://` (or
 * `postgres://`) selects PostgreSQL; relative `file:` paths are resolved against the
 * workspace root, so every package and app sees one file.
 */
export function resolveDatabaseUrl(given: string | undefined): string {
  const url = given?.trim() || `file:${join(defaultDataDir(), "gatehouse.db")}`;
  if (/^postgres(ql)?:\/\//.test(url)) return checkPostgresUrl(url);
  if (!url.startsWith("file:")) {
    throw new Error(
      // Only the scheme is repeated: the rest of a URL may hold a password.
      `must be a SQLite "file:" URL or a "postgresql://" URL (got ${url.includes(":") ? `"${url.split(":")[0]}:..."` : "no scheme"})`,
    );
  }
  return `file:${resolve(findWorkspaceRoot(), url.slice("file:".length))}`;
}

export function sqliteFilePath(url: string): string {
  return url.slice("file:".length);
}

/** Pool settings Gatehouse reads from a PostgreSQL URL's query string (Prisma's names). */
export const POOL_PARAMETERS = ["connection_limit", "pool_timeout", "connect_timeout"] as const;

/** The URL, if node-postgres can use it: a host, a database, numeric pool settings. */
function checkPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("is not a valid URL (postgresql://user:password@host:5432/database)");
  }
  if (!parsed.hostname) throw new Error("names no host (postgresql://user:password@host:5432/database)");
  if (parsed.pathname.length <= 1) throw new Error("names no database (postgresql://user:password@host:5432/database)");
  for (const name of POOL_PARAMETERS) {
    const value = parsed.searchParams.get(name);
    if (value !== null && !/^[1-9]\d{0,4}$/.test(value))
      throw new Error(`${name} must be a whole number from 1 to 99999 (got "${value}")`);
  }
  return url;
}
