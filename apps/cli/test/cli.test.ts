import { execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
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

interface RunOptions {
  input?: string;
  /** GATEHOUSE_PASSWORD; unset when not given. */
  password?: string;
  database?: string;
  cwd?: string;
  /** A folder to put first on PATH. */
  path?: string;
}

/**
 * The environment a person's shell gives the CLI: not the test runner's LOG_LEVEL (the CLI's
 * own default must keep server logs out of its output), nor the npm_* variables of the pnpm
 * that runs the tests, nor a GATEHOUSE_PASSWORD the test did not give.
 */
function cliEnv({ password, database = databaseUrl, path }: RunOptions = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => name !== "LOG_LEVEL" && name !== "GATEHOUSE_PASSWORD" && !name.startsWith("npm_"),
  );
  return {
    ...Object.fromEntries(inherited),
    DATABASE_URL: database,
    PASSWORD_PEPPER: PEPPER,
    XDG_CONFIG_HOME: configHome,
    ...(password !== undefined && { GATEHOUSE_PASSWORD: password }),
    ...(path && { PATH: `${path}${delimiter}${process.env.PATH}` }),
  };
}

/** Runs `command` to its end with `input` on standard input (empty unless given). */
function execute(command: string, args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd ?? repoRoot, env: cliEnv(options) },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.input ?? "");
  });
}

/** The real CLI as a child process, as its bin. */
function gatehouseCli(args: string[], options: RunOptions = {}): Promise<Run> {
  return execute(process.execPath, [bin, ...args], options);
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
    expect(lines[0]).toMatch(/^ID\s+USERNAME\s+ROLE\s+ISACTIVE\s+CREATEDAT\s+LASTLOGINAT$/);
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
    expect(unreachable).toEqual({
      code: 3,
      stdout: "",
      stderr:
        "gatehouse: Cannot reach the server at http://127.0.0.1:1: " +
        "fetch never connects to this port, reserved for another protocol (bad port)\n",
    });
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
    expect((await gatehouseCli(["audit", "list", "--limit", "3"])).stdout).toMatch(
      /^OCCURREDAT\s+TYPE\s+ACTORUSERNAME\s+TARGETUSERNAME/m,
    );
    // By name, as people know each other; or one user's whole history by id.
    type Named = { type: string; actorUsername: string | null; targetUsername: string | null };
    const about = await json<Named[]>(["audit", "list", "--target", "AUDITED.USER"]);
    expect(about.map((e) => [e.type, e.actorUsername, e.targetUsername])).toEqual([
      ["user.deactivated", "root.admin", "audited.user"],
      ["user.created", "root.admin", "audited.user"],
    ]);
    expect(await json<Named[]>(["audit", "list", "--actor", "audited.user"])).toEqual([]);
    expect((await json<Named[]>(["audit", "list", "--user", id])).map((e) => e.type)).toEqual([
      "user.deactivated",
      "user.created",
    ]);
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

/** A port nothing listens on: one the OS just gave out, closed again. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, "close");
  return port;
}

async function listening(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const NO_PASSWORD =
  "gatehouse: No password given: type it when asked, pipe it on standard input, or set GATEHOUSE_PASSWORD.\n";
const TOO_SHORT = "password: Password must be 8–128 characters long.";

describe("gatehouse CLI as people use it", () => {
  it("pipes clean JSON through pnpm, run exactly as the README shows", async () => {
    await logInAs();
    await createUser("readme.admin", "admin");
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const piped = readme.split("\n").filter((line) => /^pnpm gatehouse .* --json \| /.test(line));
    expect(piped.map((line) => line.split(" --")[0])).toEqual([
      "pnpm gatehouse users list",
      "pnpm gatehouse audit list",
    ]);

    const outputs: unknown[] = [];
    for (const line of piped) {
      const command = line.slice(0, line.indexOf(" | "));
      expect(command, "plain words a shell passes as they are").toMatch(/^[\w .:/-]+$/);
      const [pnpm, ...args] = command.split(" ");
      const run = await execute(pnpm!, args);
      expect({ code: run.code, stderr: run.stderr }, line).toEqual({ code: 0, stderr: "" });
      outputs.push(JSON.parse(run.stdout)); // the whole of stdout is the JSON: no banner from pnpm
    }
    const [admins, events] = outputs as [{ items: Array<{ username: string; role: string }> }, unknown[]];
    expect(admins.items.map((item) => item.username)).toContain("readme.admin");
    expect(admins.items.filter((item) => item.role !== "admin")).toEqual([]);
    expect(events).toBeInstanceOf(Array);
  });

  it("ends quietly, with its own exit code, when the reader closes the pipe before the output comes", async () => {
    const child = spawn("pnpm", ["gatehouse", "login", "--url", server.url, "--username", "root.admin"], {
      cwd: repoRoot,
      env: cliEnv(),
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    // The reader goes away first, as `| head -1` does once it has its line...
    child.stdout.destroy();
    await once(child.stdout, "close");
    // ...and only then does the CLI get its password, log in and write its answer.
    child.stdin.end(`${PASSWORD}\n`);
    const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];

    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: "" });
    expect(existsSync(join(configHome, "gatehouse", "session.json")), "it did its work").toBe(true);
    expect(await json(["me"])).toMatchObject({ username: "root.admin" });
  });

  it("prints its version with --version and -V, through pnpm, and as a bin linked onto PATH", async () => {
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, "../package.json"), "utf8")) as {
      version: string;
    };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const printed = { code: 0, stdout: `${version}\n`, stderr: "" };
    expect(await gatehouseCli(["--version"])).toEqual(printed);
    expect(await gatehouseCli(["-V"])).toEqual(printed);
    expect(await execute("pnpm", ["gatehouse", "--version"])).toEqual(printed);

    // The README's way to type just `gatehouse`, run from outside the repository.
    const onPath = mkdtempSync(join(dir, "bin-"));
    symlinkSync(bin, join(onPath, "gatehouse"));
    expect(await execute("gatehouse", ["--version"], { path: onPath, cwd: dir })).toEqual(printed);
  });

  it("names the server and why it cannot be reached: refused, unknown host, a stored session's gone server", async () => {
    const port = await closedPort();
    const refused = {
      code: 3,
      stdout: "",
      stderr: `gatehouse: Cannot reach the server at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)\n`,
    };
    const login = (url: string) =>
      gatehouseCli(["login", "--url", url, "--username", "root.admin"], { password: PASSWORD });
    expect(await login(`http://127.0.0.1:${port}`)).toEqual(refused);

    const unknown = await login("http://gatehouse.invalid");
    expect(unknown).toMatchObject({ code: 3, stdout: "" });
    // .invalid never resolves (RFC 6761); a machine with no DNS server at all cannot even ask.
    expect(unknown.stderr).toMatch(
      /^gatehouse: Cannot reach the server at http:\/\/gatehouse\.invalid: (host not found \(ENOTFOUND\)|host name lookup failed, try again later \(EAI_AGAIN\))\n$/,
    );

    // Logged in yesterday to a server that is down today.
    mkdirSync(join(configHome, "gatehouse"));
    writeFileSync(
      join(configHome, "gatehouse", "session.json"),
      JSON.stringify({ url: `http://127.0.0.1:${port}`, cookie: "gatehouse_session=stale", username: "root.admin" }),
    );
    expect(await gatehouseCli(["me"])).toEqual(refused);

    // Not a URL at all: a usage error naming the option and its rule.
    const notUrl = await login("localhost:3000");
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain(
      "option '--url <url>' argument 'localhost:3000' is invalid. must be an http:// or https:// URL, e.g. http://localhost:3000",
    );
  });

  it("names the server when what answers is not Gatehouse: a proxy's error page, a connection dropped", async () => {
    const proxy = createHttpServer((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" }).end("<h1>502 Bad Gateway</h1>");
    });
    const dropper = createTcpServer((socket) => socket.once("data", () => socket.destroy()));
    try {
      const proxyUrl = await listening(proxy);
      const dropperUrl = await listening(dropper);
      const login = (url: string) =>
        gatehouseCli(["login", "--url", url, "--username", "root.admin"], { password: PASSWORD });
      expect(await login(proxyUrl)).toEqual({
        code: 3,
        stdout: "",
        stderr: `gatehouse: Cannot reach the server at ${proxyUrl}: it answered HTTP 502 with text/html, which is not Gatehouse's API\n`,
      });
      expect(await login(dropperUrl)).toEqual({
        code: 3,
        stdout: "",
        stderr: `gatehouse: Cannot reach the server at ${dropperUrl}: the connection closed before the answer was complete (UND_ERR_SOCKET)\n`,
      });
    } finally {
      proxy.close();
      dropper.close();
    }
  });

  it("bootstrap without a password says how to give one; a short one gets the length rule", async () => {
    const database = `file:${join(configHome, "bootstrap.db")}`; // no super admin yet
    copyFileSync(emptyDatabase, database.slice("file:".length));
    const bootstrap = (options: RunOptions) =>
      gatehouseCli(["bootstrap-super-admin", "--username", "first.root"], { database, ...options });

    expect(await bootstrap({ input: "" })).toEqual({ code: 2, stdout: "", stderr: NO_PASSWORD });
    expect(await bootstrap({ input: "\n" })).toEqual({ code: 2, stdout: "", stderr: NO_PASSWORD });
    expect(await bootstrap({ password: "" })).toEqual({ code: 2, stdout: "", stderr: NO_PASSWORD });
    const short = await bootstrap({ input: "short\n" });
    expect(short).toMatchObject({ code: 1, stdout: "" });
    expect(short.stderr).toContain(TOO_SHORT);
    // None of these made the super admin: a good password still can.
    expect(await bootstrap({ input: `${PASSWORD}\n` })).toMatchObject({ code: 0, stderr: "" });
  });

  it("login, users create and users set-password without a password say how to give one", async () => {
    expect(await gatehouseCli(["login", "--url", server.url, "--username", "root.admin"])).toEqual({
      code: 2,
      stdout: "",
      stderr: NO_PASSWORD,
    });
    expect(existsSync(join(configHome, "gatehouse", "session.json"))).toBe(false);

    await logInAs();
    const create = ["users", "create", "--username", "nopass.user", "--role", "user"];
    expect(await gatehouseCli(create)).toEqual({ code: 2, stdout: "", stderr: NO_PASSWORD });
    const shortCreate = await gatehouseCli(create, { input: "short\n" });
    expect(shortCreate.code).toBe(1);
    expect(shortCreate.stderr).toContain(TOO_SHORT);
    expect((await json<{ items: unknown[] }>(["users", "list", "--search", "nopass.user"])).items).toEqual([]);

    const id = await createUser("nopass.target");
    expect(await gatehouseCli(["users", "set-password", id])).toEqual({ code: 2, stdout: "", stderr: NO_PASSWORD });
    const shortSet = await gatehouseCli(["users", "set-password", id], { input: "short\n" });
    expect(shortSet.code).toBe(1);
    expect(shortSet.stderr).toContain(TOO_SHORT);
    // The password is still the one it was created with.
    expect(
      await gatehouseCli(["login", "--url", server.url, "--username", "nopass.target"], { password: PASSWORD }),
    ).toMatchObject({ code: 0 });
  });

  it("at a terminal, prompts without echo; Enter or Ctrl-D alone says how to give one, Ctrl-C ends it", async () => {
    /** `login` on a real terminal (util-linux `script` gives it one); `keys` typed once it asks. */
    async function atTerminal(keys: string): Promise<{ code: number | null; screen: string }> {
      const command = [process.execPath, bin, "login", "--url", server.url, "--username", "root.admin"];
      const child = spawn("script", ["-qec", command.map((word) => `'${word}'`).join(" "), "/dev/null"], {
        env: cliEnv(),
      });
      let screen = "";
      child.stdout.setEncoding("utf8").on("data", (text: string) => {
        // The prompt is written once the terminal is in raw mode, so the keys are never echoed.
        if (!screen.includes("Password: ") && (screen + text).includes("Password: ")) child.stdin.write(keys);
        screen += text;
      });
      const [code] = (await once(child, "close")) as [number | null];
      return { code, screen: screen.replaceAll("\r\n", "\n") };
    }

    const none = { code: 2, screen: `Password: \n${NO_PASSWORD}` };
    expect(await atTerminal("\r")).toEqual(none);
    expect(await atTerminal("\x04")).toEqual(none);
    expect(await atTerminal("\x03")).toEqual({ code: 130, screen: "Password: \n" }); // 128 + SIGINT
    expect(existsSync(join(configHome, "gatehouse", "session.json"))).toBe(false);

    const typed = await atTerminal(`${PASSWORD}\r`);
    expect(typed).toEqual({
      code: 0,
      screen: `Password: \nLogged in to ${server.url} as root.admin (super_admin).\n`,
    });
  });
});
