import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const prismaDir = join(import.meta.dirname, "..", "..", "..", "prisma");

/** The schema below its header comments, with the lines that name the provider blanked. */
function models(provider: "sqlite" | "postgresql"): string {
  return readFileSync(join(prismaDir, provider, "schema.prisma"), "utf8")
    .replace(/^(\/\/.*\n)+/, "")
    .replace(/^\s*output\s*=.*$/m, "<output>")
    .replace(/^\s*provider\s*=\s*"(sqlite|postgresql)"$/m, "<provider>");
}

const USERNAME_SEARCH_INDEX: Record<string, string> = {
  'CREATE VIRTUAL TABLE "users_username_search"': "username search index",
  'CREATE INDEX "users_username_key_trgm_idx"': "username search index",
};

describe("the SQLite and PostgreSQL schemas", () => {
  it("hold the same models, indexes and mappings", () => {
    expect(models("postgresql")).toBe(models("sqlite"));
  });

  it("each has migrations that end in the same tables and indexes", () => {
    const objects = (provider: string) => {
      const dir = join(prismaDir, provider, "migrations");
      return (
        readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => readFileSync(join(dir, entry.name, "migration.sql"), "utf8"))
          .join("\n")
          .match(/CREATE (UNIQUE |VIRTUAL )?(TABLE|INDEX) "[a-z_]+"/g)!
          // SQLite changes a table by building "new_<table>" and renaming it: count the result once.
          .filter((statement) => !statement.includes('"new_'))
          // The username search index is of each database's own kind: an FTS5 trigram table on
          // SQLite, a pg_trgm GIN index on PostgreSQL (migrations 20261125160000_username_search).
          .map((statement) => USERNAME_SEARCH_INDEX[statement] ?? statement)
          .filter((statement, i, all) => all.indexOf(statement) === i)
          .sort()
      );
    };
    expect(objects("postgresql")).toEqual(objects("sqlite"));
  });
});
