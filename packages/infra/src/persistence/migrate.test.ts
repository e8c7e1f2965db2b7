import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, MigrationError } from "./migrate";

describe("migrateDatabase", () => {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says what Prisma applied, without its config chatter or its warning about the schema's url", async () => {
    const url = `file:${join(dir, "fresh.db")}`;
    const first = await migrateDatabase(url);
    expect(first).toMatch(/The following migration\(s\) have been applied/);
    expect(first).toMatch(/All migrations have been successfully applied\./);
    expect(first).not.toMatch(/WARNING|NOT be used|Loaded Prisma config|Prisma schema loaded/);
    expect(await migrateDatabase(url)).toMatch(
      /^\d+ migrations found in prisma\/migrations\s+No pending migrations to apply\.$/,
    );
  });

  it("gives Prisma's own reason when it cannot", async () => {
    const failure = await migrateDatabase("postgresql://postgres@127.0.0.1:5432/gatehouse_no_such_database").catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).output).toBe("Error: Database `gatehouse_no_such_database` does not exist");
  });
});
