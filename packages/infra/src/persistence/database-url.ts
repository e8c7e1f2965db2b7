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
  if (/^postgres(ql)?:\/\//.test(url)) return url;
  if (!url.startsWith("file:")) {
    throw new Error(
      `must be a SQLite "file:" URL or a "postgresql://" URL (got "${url.split(":")[0]}:...")`,
    );
  }
  return `file:${resolve(findWorkspaceRoot(), url.slice("file:".length))}`;
}

export function sqliteFilePath(url: string): string {
  return url.slice("file:".length);
}
