import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  databaseProvider,
  defaultDataDir,
  findWorkspaceRoot,
  resolveDatabaseUrl,
  sqliteFilePath,
} from "./database-url";

// DATABASE_URL's rules, read by the API's configuration (packages/api/src/config.ts).

const root = findWorkspaceRoot();
const scratch = mkdtempSync(join(tmpdir(), "gatehouse-database-url-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The message resolveDatabaseUrl refuses `url` with. */
function refusal(url: string): string {
  try {
    resolveDatabaseUrl(url);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("findWorkspaceRoot", () => {
  it("is the nearest folder above the start that holds pnpm-workspace.yaml", () => {
    const workspace = join(scratch, "workspace");
    const nested = join(workspace, "packages", "deep");
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(workspace, "pnpm-workspace.yaml"), "packages: []\n");
    expect(findWorkspaceRoot(nested)).toBe(workspace);
    expect(findWorkspaceRoot(workspace)).toBe(workspace);
  });

  it("is the start itself outside any workspace", () => {
    const lonely = join(scratch, "lonely", "folder");
    mkdirSync(lonely, { recursive: true });
    expect(findWorkspaceRoot(lonely)).toBe(lonely);
  });

  it("starts from the working directory by default: this repository", () => {
    expect(root).toBe(findWorkspaceRoot(process.cwd()));
    expect(defaultDataDir()).toBe(join(root, ".data"));
  });
});

describe("resolveDatabaseUrl", () => {
  it("is the SQLite file under .data/ when unset or blank", () => {
    const embedded = `file:${join(root, ".data", "gatehouse.db")}`;
    expect(resolveDatabaseUrl(undefined)).toBe(embedded);
    expect(resolveDatabaseUrl("")).toBe(embedded);
    expect(resolveDatabaseUrl("   ")).toBe(embedded);
  });

  it("resolves a relative file: path from the repository root and keeps an absolute one", () => {
    expect(resolveDatabaseUrl("file:.data/other.db")).toBe(`file:${join(root, ".data", "other.db")}`);
    expect(resolveDatabaseUrl(" file:/var/lib/gatehouse.db ")).toBe("file:/var/lib/gatehouse.db");
  });

  it("keeps a PostgreSQL URL as given, under either scheme name", () => {
    for (const url of [
      "postgresql://gatehouse:secret@db.internal:5432/gatehouse",
      "postgres://db/gatehouse",
      "postgresql://db/gatehouse?connection_limit=1&pool_timeout=99999&connect_timeout=30",
    ]) {
      expect(resolveDatabaseUrl(url)).toBe(url);
    }
  });

  it("refuses another scheme, repeating only the scheme (the rest may hold a password)", () => {
    const message = refusal("mysql://root:hunter2@db/gatehouse");
    expect(message).toBe('must be a SQLite "file:" URL or a "postgresql://" URL (got "mysql:...")');
    expect(message).not.toContain("hunter2");
    expect(refusal("gatehouse.db")).toBe('must be a SQLite "file:" URL or a "postgresql://" URL (got no scheme)');
    // the scheme must start the URL
    expect(refusal("xpostgresql://db/gatehouse")).toContain('(got "xpostgresql:...")');
    expect(refusal("postgresql:/db/gatehouse")).toContain('(got "postgresql:...")');
  });

  it("refuses a PostgreSQL URL that node-postgres cannot use", () => {
    expect(refusal("postgresql://a b/gatehouse")).toBe(
      "is not a valid URL (postgresql://user:password@host:5432/database)",
    );
    expect(refusal("postgresql:///gatehouse")).toBe("names no host (postgresql://user:password@host:5432/database)");
    expect(refusal("postgresql://db")).toBe("names no database (postgresql://user:password@host:5432/database)");
    expect(refusal("postgresql://db/")).toBe("names no database (postgresql://user:password@host:5432/database)");
  });

  it.each(["connection_limit", "pool_timeout", "connect_timeout"])(
    "accepts %s from 1 to 99999 only, as a plain whole number",
    (name) => {
      expect(resolveDatabaseUrl(`postgresql://db/g?${name}=1`)).toBe(`postgresql://db/g?${name}=1`);
      expect(resolveDatabaseUrl(`postgresql://db/g?${name}=99999`)).toBe(`postgresql://db/g?${name}=99999`);
      for (const value of ["0", "100000", "01", "5a", "a5", "-1", "1.5", ""]) {
        expect(refusal(`postgresql://db/g?${name}=${value}`)).toBe(
          `${name} must be a whole number from 1 to 99999 (got "${value}")`,
        );
      }
    },
  );
});

describe("the provider and the file", () => {
  it("is SQLite for a file: URL and PostgreSQL otherwise", () => {
    expect(databaseProvider("file:/tmp/x.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://db/gatehouse")).toBe("postgresql");
    expect(databaseProvider("x-file:/tmp/x.db")).toBe("postgresql");
  });

  it("reads the SQLite file's path from its URL", () => {
    expect(sqliteFilePath("file:/var/lib/gatehouse.db")).toBe("/var/lib/gatehouse.db");
  });
});
