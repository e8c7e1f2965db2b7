import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Sqlite from "better-sqlite3";

/** A backup that was not made: names the file and the reason. Nothing was written at FILE. */
export class BackupRefusedError extends Error {
  readonly code = "BACKUP_REFUSED";

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot back up to ${file}: ${reason}`, options);
    this.name = "BackupRefusedError";
  }
}

export interface SqliteBackup {
  /** The copy, as an absolute path. */
  file: string;
  bytes: number;
  pages: number;
}

/**
 * Copies the SQLite database at `databasePath` to `file` while a server may be writing to it
 * (another process, its own connections): SQLite's online backup API, from a connection of
 * this function's own.
 *
 * Consistent under constant writes: the backup API restarts whenever another connection
 * writes between two of its steps, so a copy made in small steps might never end on a busy
 * server. Here every page is copied in one step, inside one read transaction: a snapshot of
 * one moment, and in WAL mode (Gatehouse's, see serialized-sqlite.adapter.ts) a reader does not
 * block the writers.
 *
 * The copy is written to a temporary file beside `file`, checked (`PRAGMA integrity_check`),
 * made a single file (journal_mode DELETE: no -wal beside it), then renamed into place: `file`
 * is either the whole backup or absent. It is readable by this user only, like the database.
 * Refused: an existing `file` (a backup never overwrites), the database itself, a folder that
 * does not exist.
 */
export async function backupSqliteDatabase(databasePath: string, file: string): Promise<SqliteBackup> {
  const target = resolve(file);
  if (!existsSync(databasePath)) {
    throw new BackupRefusedError(target, `the database ${databasePath} does not exist.`);
  }
  const database = realpathSync(databasePath);
  if ([database, `${database}-wal`, `${database}-shm`, `${database}-journal`].includes(target)) {
    throw new BackupRefusedError(target, "that is the database itself; choose another file.");
  }
  if (existsSync(target)) {
    throw new BackupRefusedError(
      target,
      "the file already exists; a backup never overwrites a file, choose a new name.",
    );
  }
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new BackupRefusedError(target, `the folder ${folder} does not exist.`);
  }

  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString("hex")}.partial`);
  try {
    // Made first, so that the copy is never readable by others, not even for a moment.
    closeSync(openSync(temporary, "wx", 0o600));
    const pages = await copyInOneStep(database, temporary);
    checkCopy(temporary, target);
    if (existsSync(target)) {
      throw new BackupRefusedError(target, "the file appeared while the backup was made; it was left alone.");
    }
    renameSync(temporary, target);
    return { file: target, bytes: statSync(target).size, pages };
  } catch (error) {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`, `${temporary}-journal`]) {
      rmSync(leftover, { force: true });
    }
    if (error instanceof BackupRefusedError) throw error;
    throw new BackupRefusedError(target, (error as Error).message, { cause: error });
  }
}

async function copyInOneStep(database: string, destination: string): Promise<number> {
  // Its own connection, as the server's (session-check.ts): the busy timeout of Prisma's,
  // WAL as the server keeps it, and never a write to the source.
  const source = new Sqlite(database, { fileMustExist: true, timeout: 5_000 });
  try {
    source.pragma("journal_mode = WAL");
    source.pragma("query_only = ON");
    // better-sqlite3 steps with 0 pages first (to learn the page count), then with what the
    // progress callback answers: every page (its maximum), in one step.
    const { totalPages } = await source.backup(destination, { progress: () => 0x7fffffff });
    return totalPages;
  } finally {
    source.close();
  }
}

function checkCopy(copy: string, target: string): void {
  const connection = new Sqlite(copy, { fileMustExist: true });
  try {
    const result = connection.pragma("integrity_check", { simple: true });
    if (result !== "ok")
      throw new BackupRefusedError(target, `the copy failed SQLite's integrity check (${String(result)}).`);
    connection.pragma("journal_mode = DELETE");
  } finally {
    connection.close();
  }
}
