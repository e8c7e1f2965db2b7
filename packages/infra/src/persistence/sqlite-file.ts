import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { defaultDataDir } from "./database-url";

/**
 * Makes the SQLite file, if it is not there yet, readable by this user only (0600): it holds
 * the password hashes and the audit log. SQLite gives its -wal and -shm files the database
 * file's mode. In Gatehouse's own `.data/` the folder is kept at 0700 and its database files
 * at 0600, also when an older version made them wider; a folder or file the operator chose
 * elsewhere is only made if missing, never changed.
 */
export function prepareSqliteFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  if (dir === defaultDataDir()) {
    chmodSync(dir, 0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  }
}
