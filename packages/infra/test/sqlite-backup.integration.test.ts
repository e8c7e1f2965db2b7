import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Sqlite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupSqliteDatabase, BackupRefusedError } from "../src/index";

// Real files: a WAL database written to without pause by another connection (a worker thread,
// so the writes run while the backup's step runs, as a server's would), copied meanwhile.

/** Inserts rows one transaction at a time until told to stop; `committed[0]` is the last row's id. */
const WRITER = `
const { workerData } = require("node:worker_threads");
const Sqlite = require(workerData.module);
const db = new Sqlite(workerData.path, { timeout: 5000 });
db.pragma("journal_mode = WAL");
const insert = db.prepare("INSERT INTO row (payload) VALUES (?)");
const committed = new Int32Array(workerData.committed);
const stop = new Int32Array(workerData.stop);
while (Atomics.load(stop, 0) === 0) {
  const { lastInsertRowid } = insert.run("x".repeat(200));
  Atomics.store(committed, 0, Number(lastInsertRowid));
}
db.close();
`;

let dir: string;
let database: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-backup-"));
  database = join(dir, "live.db");
  const db = new Sqlite(database);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE row (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO row (payload) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run("x".repeat(200)); // some 1,000 pages
  })();
  db.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("backupSqliteDatabase", () => {
  it("copies a database under constant writes: one consistent moment, every row committed before it began", async () => {
    const committed = new SharedArrayBuffer(4);
    const stop = new SharedArrayBuffer(4);
    const module = createRequire(import.meta.url).resolve("better-sqlite3");
    const writer = new Worker(WRITER, { eval: true, workerData: { module, path: database, committed, stop } });
    const exited = new Promise((done) => writer.once("exit", done));
    const file = join(dir, "backups", "copy.db");
    mkdirSync(join(dir, "backups"));
    let before: number | undefined;
    let after: number | undefined;
    try {
      while (Atomics.load(new Int32Array(committed), 0) < 20_500) await new Promise((wait) => setTimeout(wait, 5));
      before = Atomics.load(new Int32Array(committed), 0);
      const copy = await backupSqliteDatabase(database, file);
      after = Atomics.load(new Int32Array(committed), 0);
      expect(copy).toEqual({ file, bytes: statSync(file).size, pages: expect.any(Number) as number });
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
      await exited;
    }

    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
      const { rows, last } = db.prepare("SELECT count(*) AS rows, max(id) AS last FROM row").get() as {
        rows: number;
        last: number;
      };
      // A snapshot: no row missing below its last one, and everything committed before it began.
      expect(rows).toBe(last);
      expect(last).toBeGreaterThanOrEqual(before);
      console.log(`sqlite backup: rows ${before} before, ${last} in the copy, ${after} committed when it ended`);
    } finally {
      db.close();
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, "backups"))).toEqual(["copy.db"]);
  });

  it("refuses an existing file, the database itself, a missing folder and a missing database, naming the file", async () => {
    const taken = join(dir, "taken.db");
    writeFileSync(taken, "keep me");
    const refusal = (file: string, from = database) =>
      backupSqliteDatabase(from, file).then(
        () => "written",
        (error: unknown) => (error instanceof BackupRefusedError ? error.message : `other: ${String(error)}`),
      );

    expect(await refusal(taken)).toBe(
      `Cannot back up to ${taken}: the file already exists; a backup never overwrites a file, choose a new name.`,
    );
    expect(await refusal(database)).toBe(
      `Cannot back up to ${database}: that is the database itself; choose another file.`,
    );
    expect(await refusal(`${database}-wal`)).toMatch(/that is the database itself/);
    const nowhere = join(dir, "no-such-folder", "copy.db");
    expect(await refusal(nowhere)).toBe(
      `Cannot back up to ${nowhere}: the folder ${join(dir, "no-such-folder")} does not exist.`,
    );
    const copy = join(dir, "copy.db");
    expect(await refusal(copy, join(dir, "missing.db"))).toBe(
      `Cannot back up to ${copy}: the database ${join(dir, "missing.db")} does not exist.`,
    );
    expect(existsSync(copy)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["live.db", "taken.db"]);
  });
});
