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

export type DatabaseProvider = "sqlite";

/**
 * `DATABASE_URL` as given, or the embedded SQLite file under `.data/`. Relative `file:`
 * paths are resolved against the workspace root, so every package and app sees one file.
 */
export function resolveDatabaseUrl(given: string | undefined): string {
  const url = given?.trim() || `file:${join(defaultDataDir(), "gatehouse.db")}`;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL (got "${url.split(":")[0]}:..."); PostgreSQL support is not built yet.`,
    );
  }
  const path = url.slice("file:".length);
  return `file:${resolve(findWorkspaceRoot(), path)}`;
}

export function sqliteFilePath(url: string): string {
  return url.slice("file:".length);
}
