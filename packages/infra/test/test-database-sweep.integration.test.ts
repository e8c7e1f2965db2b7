// The sweep of what killed test runs left behind (sweepStaleTestDatabases, run by every suite's
// globalSetup): older than an hour goes, anything younger stays, whoever made it. Leftovers are
// made here and aged by setting their modification time; nothing of a parallel run is touched
// (its files and databases are younger than an hour).
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, STALE_AFTER_MS, sweepStaleTestDatabases, TEST_POSTGRES_URL } from "../src/testing";

const twoHoursAgo = () => new Date(Date.now() - 2 * STALE_AFTER_MS);
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("sweeping stale test databases", () => {
  it("removes SQLite templates and test folders older than an hour, and keeps younger ones", async () => {
    const staleTemplate = join(tmpdir(), `gatehouse-template-sweep${process.pid}.db`);
    const freshTemplate = join(tmpdir(), `gatehouse-template-keep${process.pid}.db`);
    const staleFolder = mkdtempSync(join(tmpdir(), "gatehouse-test-"));
    writeFileSync(join(staleFolder, "test.db"), "");
    for (const path of [staleTemplate, freshTemplate]) writeFileSync(path, "");
    cleanups.push(async () => {
      for (const path of [staleTemplate, freshTemplate, staleFolder]) rmSync(path, { recursive: true, force: true });
    });
    utimesSync(staleTemplate, twoHoursAgo(), twoHoursAgo());
    utimesSync(staleFolder, twoHoursAgo(), twoHoursAgo());

    const swept = await sweepStaleTestDatabases();

    expect(swept).toEqual(expect.arrayContaining([staleTemplate, staleFolder]));
    expect(swept).not.toContain(freshTemplate);
    expect(existsSync(staleTemplate)).toBe(false);
    expect(existsSync(staleFolder)).toBe(false);
    expect(existsSync(freshTemplate)).toBe(true);
  });

  it("drops PostgreSQL test databases older than an hour, and keeps younger ones", async () => {
    const stale = await createTestDatabase("postgresql");
    const fresh = await createTestDatabase("postgresql");
    cleanups.push(
      () => stale.remove(),
      () => fresh.remove(),
    );
    const nameOf = (url: string) => new URL(url).pathname.slice(1);
    // Age the stale one as PostgreSQL sees it: the modification time of its directory.
    const [row] = await query<{ path: string; dataDirectory: string }>(
      `SELECT 'base/' || oid AS path, current_setting('data_directory') AS "dataDirectory"
       FROM pg_database WHERE datname = $1`,
      [nameOf(stale.url)],
    );
    utimesSync(join(row!.dataDirectory, row!.path), twoHoursAgo(), twoHoursAgo());

    const swept = await sweepStaleTestDatabases();

    expect(swept).toContain(nameOf(stale.url));
    expect(swept).not.toContain(nameOf(fresh.url));
    const left = await query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1)", [
      [nameOf(stale.url), nameOf(fresh.url)],
    ]);
    expect(left.map((row) => row.datname)).toEqual([nameOf(fresh.url)]);
  });
});
