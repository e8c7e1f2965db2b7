import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createGatehouse, loadConfig, serveGatehouse } from "@gatehouse/api/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `gatehouse db backup FILE`, the real CLI as a child process, while a server (this process)
// serves the same SQLite file over HTTP and sign-ups keep writing to it.
const repoRoot = resolve(import.meta.dirname, "../../..");
const bin = resolve(import.meta.dirname, "../bin/gatehouse.mjs");
const PEPPER = "a pepper for the backup tests, 32+ characters";
const PASSWORD = "correct horse battery";
const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/postgres";

let dir: string;
let databaseUrl: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a person's shell runs it (no LOG_LEVEL, no npm_* variables), on `database`. */
function gatehouseCli(args: string[], database = databaseUrl): Promise<Run> {
  const inherited = Object.entries(process.env).filter(([name]) => name !== "LOG_LEVEL" && !name.startsWith("npm_"));
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repoRoot, env: { ...Object.fromEntries(inherited), DATABASE_URL: database, PASSWORD_PEPPER: PEPPER } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

/** SQL on the PostgreSQL server the tests create their databases on, through psql. */
function onPostgres(sql: string): void {
  execFileSync("psql", [POSTGRES_URL, "--quiet", "--command", sql], { stdio: "pipe" });
}

function migrate(database: string): void {
  execFileSync("pnpm", ["db:migrate"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: database },
    stdio: "pipe",
  });
}

interface UsersPage {
  items: Array<{ username: string }>;
  nextCursor: string | null;
}

/** A tRPC call over HTTP; answers the status, the parsed body and the session cookie it set. */
async function call(baseUrl: string, path: string, input: unknown, cookie?: string) {
  const response = await fetch(`${baseUrl}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie && { cookie }) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown } };
  const setCookie = response.headers.getSetCookie()[0]?.split(";")[0];
  return { status: response.status, data: body.result?.data, cookie: setCookie };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-backup-"));
  databaseUrl = `file:${join(dir, "live.db")}`;
  migrate(databaseUrl);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("gatehouse db backup", () => {
  it("copies the SQLite database while sign-ups write to it: every user acknowledged before it began is in the copy", async () => {
    const env = { PASSWORD_PEPPER: PEPPER, LOG_LEVEL: "silent", SIGNUP_MAX_PER_IP: "100000" };
    const live = createGatehouse(loadConfig({ ...env, DATABASE_URL: databaseUrl }));
    const server = await serveGatehouse(live, { host: "127.0.0.1" });
    await live.localCaller().system.bootstrapSuperAdmin({ username: "root.admin", password: PASSWORD });

    const acknowledged: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      for (let i = 0; writing; i++) {
        const username = `writer.${writer}.${i}`;
        if ((await call(server.url, "account.signUp", { username, password: PASSWORD })).status === 200) {
          acknowledged.push(username);
        }
      }
    });
    const file = join(dir, "copy.db");
    let before: string[] | undefined;
    let during: number | undefined;
    try {
      while (acknowledged.length < 16) await new Promise((wait) => setTimeout(wait, 20));
      before = [...acknowledged];
      const run = await gatehouseCli(["db", "backup", file, "--json"]);
      during = acknowledged.length - before.length;
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        provider: "sqlite",
        file,
        bytes: statSync(file).size,
        pages: expect.any(Number) as number,
        integrity: "ok",
      });
    } finally {
      writing = false;
      await Promise.all(writers);
      await server.close();
      await live.dispose();
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // The copy, served: every user acknowledged before the backup began, and their passwords
    // work with the same pepper.
    const copy = createGatehouse(loadConfig({ ...env, DATABASE_URL: `file:${file}` }));
    const copyServer = await serveGatehouse(copy, { host: "127.0.0.1" });
    try {
      const { cookie } = await call(copyServer.url, "account.logIn", { username: "root.admin", password: PASSWORD });
      const names = new Set<string>();
      let cursor: string | null = null;
      do {
        const response: Response = await fetch(
          `${copyServer.url}/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ limit: 100, cursor }))}`,
          { headers: { cookie: cookie! } },
        );
        const { result } = (await response.json()) as { result: { data: UsersPage } };
        const page: UsersPage = result.data;
        for (const user of page.items) names.add(user.username);
        cursor = page.nextCursor;
      } while (cursor);
      expect(before.filter((username) => !names.has(username))).toEqual([]);
      const logIn = await call(copyServer.url, "account.logIn", { username: before[0], password: PASSWORD });
      expect(logIn.status).toBe(200);
      console.log(
        `backup: ${before.length} users acknowledged before it began, ${during} more while the CLI ran; ` +
          `the copy has ${names.size} users.`,
      );
    } finally {
      await copyServer.close();
      await copy.dispose();
    }
  }, 120_000);

  it("refuses a FILE that exists, and leaves it alone", async () => {
    const file = join(dir, "taken.db");
    writeFileSync(file, "not a backup");
    const run = await gatehouseCli(["db", "backup", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`Cannot back up to ${file}: the file already exists`);
    expect(readFileSync(file, "utf8")).toBe("not a backup");
  });

  it("refuses the database itself", async () => {
    const run = await gatehouseCli(["db", "backup", databaseUrl.slice("file:".length)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("that is the database itself");
  });

  it("on PostgreSQL writes nothing, prints the pg_dump line without the password, and exits 1", async () => {
    const name = `gatehouse_backup_${randomBytes(6).toString("hex")}`;
    onPostgres(`CREATE DATABASE ${name}`);
    try {
      const database = Object.assign(new URL(POSTGRES_URL), {
        pathname: `/${name}`,
        password: "a-secret-password",
        search: "?connection_limit=3",
      }).toString();
      migrate(database);
      const file = join(dir, "pg.dump");
      const run = await gatehouseCli(["db", "backup", file], database);
      expect(run.code).toBe(1);
      expect(run.stdout.trim()).toBe(
        `pg_dump --format=custom --file=${file} postgresql://postgres@127.0.0.1:5432/${name}`,
      );
      expect(run.stderr).toContain("set PGPASSWORD");
      expect(run.stdout + run.stderr).not.toContain("a-secret-password");
      expect(() => statSync(file)).toThrow();
    } finally {
      onPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it("is listed in the help", async () => {
    const help = await gatehouseCli(["--help"]);
    expect(help.stdout).toMatch(/^\s+db\s+The server's database\./m);
    const dbHelp = await gatehouseCli(["db", "--help"]);
    expect(dbHelp.stdout).toMatch(/^\s+backup \[options\] <file>\s+Write a consistent copy/m);
  });
});
