import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createGatehouse, loadConfig, serveGatehouse } from "@gatehouse/api/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The real CLI as a child process, against the real API served over HTTP on a fresh,
// migrated SQLite file. Nothing is mocked.
//
// Each test stands alone, in any order: the super admin exists from the start (made in process,
// as the operator would); each test has its own CLI configuration folder (so its own stored
// session, logged in by the test itself) and makes the users it acts on under names of its own.
// Bootstrapping is tested on a database of its own, where no super admin exists yet.
const repoRoot = resolve(import.meta.dirname, "../../..");
const bin = resolve(import.meta.dirname, "../bin/gatehouse.mjs");
const PEPPER = "a pepper for the CLI tests, 32+ characters";
const PASSWORD = "correct horse battery";

let dir: string;
let databaseUrl: string;
/** A migrated database nobody has used: copied for a test that needs an empty one. */
let emptyDatabase: string;
/** This test's CLI configuration folder (XDG_CONFIG_HOME): its stored session. */
let configHome: string;
let server: Awaited<ReturnType<typeof serveGatehouse>>;
let gatehouse: ReturnType<typeof createGatehouse>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gatehouseCli(
  args: string[],
  { input, password, database = databaseUrl }: { input?: string; password?: string; database?: string } = {},
): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: repoRoot,
        // No LOG_LEVEL: the CLI's own default must keep server logs out of its output.
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "LOG_LEVEL")),
          DATABASE_URL: database,
          PASSWORD_PEPPER: PEPPER,
          XDG_CONFIG_HOME: configHome,
          GATEHOUSE_PASSWORD: password ?? "",
        },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? "");
  });
}

async function json<T>(args: string[]): Promise<T> {
  const run = await gatehouseCli([...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-cli-"));
  emptyDatabase = join(dir, "empty.db");
  execFileSync("pnpm", ["db:migrate"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `file:${emptyDatabase}` },
    stdio: "pipe",
  });
  copyFileSync(emptyDatabase, join(dir, "cli.db"));
  databaseUrl = `file:${join(dir, "cli.db")}`;
  gatehouse = createGatehouse(loadConfig({ DATABASE_URL: databaseUrl, PASSWORD_PEPPER: PEPPER, LOG_LEVEL: "silent" }));
  server = await serveGatehouse(gatehouse, { host: "127.0.0.1" });
  await gatehouse.localCaller().system.bootstrapSuperAdmin({ username: "root.admin", password: PASSWORD });
});

beforeEach(() => {
  configHome = mkdtempSync(join(dir, "config-"));
});

/** Logs this test's CLI in as `username` (the super admin unless said). */
async function logInAs(username = "root.admin"): Promise<void> {
  const run = await gatehouseCli(["login", "--url", server.url, "--username", username], { password: PASSWORD });
  expect(run, `log in as ${username}`).toMatchObject({ code: 0, stderr: "" });
}

/** Creates a user through the CLI (logged in as an administrator) and returns its id. */
async function createUser(username: string, role: "user" | "admin" = "user"): Promise<string> {
  const run = await gatehouseCli(["users", "create", "--username", username, "--role", role, "--json"], {
    password: PASSWORD,
  });
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }).id;
}

afterAll(async () => {
  await server?.close();
  await gatehouse?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("gatehouse CLI", () => {
  it("bootstraps the super admin once and refuses a second time", async () => {
    const database = `file:${join(configHome, "bootstrap.db")}`; // no super admin yet
    copyFileSync(emptyDatabase, database.slice("file:".length));
    const first = await gatehouseCli(["bootstrap-super-admin", "--username", "first.root"], {
      input: `${PASSWORD}\n`,
      database,
    });
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^Super admin first\.root created \(id [0-9a-f-]{36}\)\.\n$/); // and nothing else

    const second = await gatehouseCli(["bootstrap-super-admin", "--username", "other.root"], {
      password: PASSWORD,
      database,
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("SUPER_ADMIN_EXISTS");
  });

  it("logs in with the password from standard input and keeps the session in a 0600 file", async () => {
    const login = await gatehouseCli(["login", "--url", server.url, "--username", "root.admin"], {
      input: `${PASSWORD}\n`,
    });
    expect(login).toMatchObject({ code: 0, stderr: "" });
    expect(login.stdout).toContain("Logged in to");
    const file = join(configHome, "gatehouse", "session.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const me = await gatehouseCli(["me"]);
    expect(me.code).toBe(0);
    expect(me.stdout).toMatch(/^username\s+root\.admin$/m);
    expect(await json(["me"])).toMatchObject({ username: "root.admin", role: "super_admin", isActive: true });
  });

  it("creates users and lists them as a table, as JSON, and across every page with --all", async () => {
    await logInAs();
    for (let i = 1; i <= 12; i++) {
      const run = await gatehouseCli(
        ["users", "create", "--username", `cli.user${String(i).padStart(2, "0")}`, "--role", "user"],
        {
          password: PASSWORD,
        },
      );
      expect(run.code, run.stderr).toBe(0);
    }
    expect(
      (await gatehouseCli(["users", "create", "--username", "cli.admin", "--role", "admin"], { password: PASSWORD }))
        .code,
    ).toBe(0);

    const tableRun = await gatehouseCli([
      "users",
      "list",
      "--search",
      "cli.user",
      "--sort",
      "username",
      "--limit",
      "5",
    ]);
    expect(tableRun.code).toBe(0);
    const lines = tableRun.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+USERNAME\s+ROLE\s+ISACTIVE\s+CREATEDAT$/);
    expect(lines.slice(1, 6).map((line) => line.split(/\s+/)[1])).toEqual([
      "cli.user01",
      "cli.user02",
      "cli.user03",
      "cli.user04",
      "cli.user05",
    ]);
    expect(lines.at(-1)).toBe("5 of 12 users");

    const all = await json<{ items: Array<{ username: string }>; total: number }>([
      "users",
      "list",
      "--search",
      "cli.user",
      "--sort",
      "username",
      "--desc",
      "--limit",
      "5",
      "--all",
    ]);
    expect(all.total).toBe(12); // three pages of 5, 5 and 2
    expect(all.items.map((item) => item.username)).toEqual(
      Array.from({ length: 12 }, (_, i) => `cli.user${String(12 - i).padStart(2, "0")}`),
    );
    const admins = await json<{ items: Array<{ username: string }> }>([
      "users",
      "list",
      "--role",
      "admin",
      "--search",
      "cli.",
    ]);
    expect(admins.items.map((item) => item.username)).toEqual(["cli.admin"]);
  });

  it("runs every admin command on a user", async () => {
    await logInAs();
    const id = await createUser("command.user");

    const shown = (await gatehouseCli(["users", "get", id])).stdout;
    expect(shown).toMatch(/^username\s+command\.user$/m);
    // What the API says the caller (the super admin) may do to this user, and to themself.
    expect(shown).toMatch(
      /^can\s+setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions$/m,
    );
    const me = await json<{ id: string }>(["me"]);
    expect((await gatehouseCli(["users", "get", me.id])).stdout).toMatch(/^can\s+nothing$/m);
    expect(await gatehouseCli(["users", "set-password", id], { input: "a new cli password\n" })).toMatchObject({
      code: 0,
    });
    expect(await gatehouseCli(["users", "grant-admin", id])).toMatchObject({ code: 0, stdout: "Granted admin.\n" });
    expect(await json(["users", "get", id])).toMatchObject({ role: "admin" });
    expect(await gatehouseCli(["users", "revoke-admin", id])).toMatchObject({ code: 0, stdout: "Revoked admin.\n" });
    expect(await gatehouseCli(["users", "deactivate", id])).toMatchObject({ code: 0 });
    expect(await json(["users", "get", id])).toMatchObject({ role: "user", isActive: false });
    const inactive = await json<{ items: Array<{ id: string; isActive: boolean }> }>(["users", "list", "--inactive"]);
    expect(inactive.items.map((item) => item.id)).toContain(id);
    expect(inactive.items.filter((item) => item.isActive)).toEqual([]);
    expect(await gatehouseCli(["users", "activate", id])).toMatchObject({ code: 0, stdout: "Activated.\n" });
    expect(await json(["users", "get", id])).toMatchObject({ isActive: true });
  });

  it("exits 2 for usage errors, 1 for refusals with the appCode, 3 for a server it cannot reach", async () => {
    await logInAs();
    const usage = await gatehouseCli(["users", "list", "--limit", "500"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("must be a whole number from 1 to 100");
    expect((await gatehouseCli(["users", "frobnicate"])).code).toBe(2);
    expect((await gatehouseCli(["users", "create", "--username", "no.role"])).code).toBe(2);

    const refused = await gatehouseCli(["users", "grant-admin", "01900000-0000-7000-8000-000000000000"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("gatehouse: No user has this id. (USER_NOT_FOUND)\n");
    const invalid = await gatehouseCli(["users", "create", "--username", "x", "--role", "user"], { password: "short" });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("VALIDATION_FAILED");
    expect(invalid.stderr).toContain("username: Username must be 5–20 characters long.");

    const unreachable = await gatehouseCli(["login", "--url", "http://127.0.0.1:1", "--username", "root.admin"], {
      password: PASSWORD,
    });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain("Cannot reach the server");
  });

  it("lists sessions, and an admin's view of a user's sessions, and ends them", async () => {
    await logInAs();
    const id = await createUser("session.user");
    const mine = await json<Array<{ current: boolean; ipAddress: string }>>(["sessions", "list"]);
    expect(mine.filter((session) => session.current)).toHaveLength(1);
    expect((await gatehouseCli(["sessions", "list"])).stdout).toMatch(
      /^ID\s+CURRENT\s+IPADDRESS\s+USERAGENT\s+LASTUSEDAT\s+CREATEDAT$/m,
    );

    const userClient = await gatehouseCli(["login", "--url", server.url, "--username", "session.user"], {
      password: PASSWORD,
    });
    expect(userClient.code).toBe(0); // this replaced the stored session: log back in as the super admin
    expect(
      (await gatehouseCli(["login", "--url", server.url, "--username", "root.admin"], { password: PASSWORD })).code,
    ).toBe(0);

    expect(await json<unknown[]>(["users", "sessions", id])).toHaveLength(1);
    expect(await gatehouseCli(["users", "end-sessions", id])).toMatchObject({
      code: 0,
      stdout: "All of the user's sessions have ended.\n",
    });
    expect(await json<unknown[]>(["users", "sessions", id])).toEqual([]);
  });

  it("lists the audit log and purges it by retention", async () => {
    await logInAs();
    const id = await createUser("audited.user");
    expect(await gatehouseCli(["users", "deactivate", id])).toMatchObject({ code: 0 });
    const all = await json<Array<{ type: string }>>(["audit", "list", "--limit", "10", "--all"]);
    expect(all.map((e) => e.type)).toContain("user.created");
    expect(all.map((e) => e.type)).toContain("user.deactivated");
    const deactivations = await json<Array<{ type: string }>>(["audit", "list", "--type", "user.deactivated"]);
    expect(deactivations.length).toBeGreaterThanOrEqual(1);
    expect(deactivations.filter((e) => e.type !== "user.deactivated")).toEqual([]);
    expect((await gatehouseCli(["audit", "list", "--limit", "3"])).stdout).toMatch(/^OCCURREDAT\s+TYPE\s+ACTORID/m);
    const bad = await gatehouseCli(["audit", "list", "--from", "someday"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("VALIDATION_FAILED");

    const purge = await gatehouseCli(["audit", "purge"]);
    expect(purge.code).toBe(0);
    expect(purge.stdout).toMatch(/^Deleted 0 audit event\(s\) from before \d{4}-/);
  });

  it("has --help on every command", async () => {
    for (const command of [
      [],
      ["login"],
      ["users"],
      ["users", "list"],
      ["users", "deactivate"],
      ["users", "end-sessions"],
      ["sessions", "list"],
      ["audit", "list"],
      ["audit", "purge"],
      ["bootstrap-super-admin"],
    ]) {
      const help = await gatehouseCli([...command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Usage: gatehouse");
    }
  });

  it("logs out: the session ends on the server and is forgotten here", async () => {
    await logInAs();
    expect(await gatehouseCli(["logout"])).toMatchObject({ code: 0, stdout: "Logged out.\n" });
    const me = await gatehouseCli(["me"]);
    expect(me.code).toBe(1);
    expect(me.stderr).toContain("Not logged in");
  });
});
