import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "../src/index";

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("the SQLite files", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("are readable by this user only: the database, its write-ahead log and its shared memory", async () => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-modes-"));
    const path = join(dir, "made-here", "gatehouse.db");
    const previous = process.umask(0o022); // the usual umask, which would leave them world-readable
    try {
      await migrateDatabase(`file:${path}`);
      const database = openDatabase(`file:${path}`);
      try {
        await database.prisma.user.count();
        await database.sessionCheck.find("no such session");
        expect(modeOf(join(dir, "made-here"))).toBe(0o700);
        for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600);
      } finally {
        await database.close();
      }
    } finally {
      process.umask(previous);
    }
  });
});
