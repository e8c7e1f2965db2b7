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
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { remoteClient } from "../src/remote";

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
  /** GATEHOUSE_TOTP; unset when not given. */
  totp?: string;
  /** The CLI configuration folder (its stored session); this test's own unless given. */
  config?: string;
  database?: string;
  cwd?: string;
  /** A folder to put first on PATH. */
  path?: string;
  /** GATEHOUSE_API_KEY; unset when not given. */
  apiKey?: string;
  /** GATEHOUSE_URL; this test's server when an API key is given, else unset. */
  url?: string;
}

/**
 * The environment a person's shell gives the CLI: not the test runner's LOG_LEVEL (the CLI's
 * own default must keep server logs out of its output), nor the npm_* variables of the pnpm
 * that runs the tests, nor a GATEHOUSE_PASSWORD, GATEHOUSE_TOTP, GATEHOUSE_API_KEY or
 * GATEHOUSE_URL the test did not give.
 */
function cliEnv({
  password,
  totp,
  config = configHome,
  database = databaseUrl,
  path,
  apiKey,
  url = apiKey === undefined ? undefined : server.url,
}: RunOptions = {}): NodeJS.ProcessEnv {
  const given = ["LOG_LEVEL", "GATEHOUSE_PASSWORD", "GATEHOUSE_TOTP", "GATEHOUSE_API_KEY", "GATEHOUSE_URL"];
  const inherited = Object.entries(process.env).filter(([name]) => !given.includes(name) && !name.startsWith("npm_"));
  return {
    ...Object.fromEntries(inherited),
    DATABASE_URL: database,
    PASSWORD_PEPPER: PEPPER,
    XDG_CONFIG_HOME: config,
    ...(password !== undefined && { GATEHOUSE_PASSWORD: password }),
    ...(totp !== undefined && { GATEHOUSE_TOTP: totp }),
    ...(path && { PATH: `${path}${delimiter}${process.env.PATH}` }),
    ...(apiKey !== undefined && { GATEHOUSE_API_KEY: apiKey }),
    ...(url !== undefined && { GATEHOUSE_URL: url }),
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

async function json<T>(args: string[], options: RunOptions = {}): Promise<T> {
  const run = await gatehouseCli([...args, "--json"], options);
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
    expect(lines[0]).toMatch(/^ID\s+USERNAME\s+ROLE\s+ISACTIVE\s+2FA\s+CREATEDAT\s+LASTLOGINAT$/);
    expect(lines[1]).toMatch(/^\S+\s+cli\.user01\s+user\s+true\s+false\s/); // active, no two-factor
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
      /^can\s+setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions, resetMfa$/m,
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
      /^OCCURREDAT\s+TYPE\s+METHOD\s+ACTORUSERNAME\s+TARGETUSERNAME/m,
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
      ["users", "reset-mfa"],
      ["users", "passkeys"],
      ["users", "remove-passkeys"],
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

/**
 * `gatehouse args` on a real terminal (util-linux `script` gives it one). At each prompt of
 * `answers`, in order, the keys its function gives are typed (after whatever it does first).
 */
async function gatehouseAtTerminal(
  args: string[],
  answers: Array<[prompt: string, keys: () => string | Promise<string>]>,
  options: RunOptions = {},
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, bin, ...args];
  const child = spawn("script", ["-qec", command.map((word) => `'${word}'`).join(" "), "/dev/null"], {
    env: cliEnv(options),
  });
  const waiting = [...answers];
  let screen = "";
  let seen = 0; // the screen up to the last prompt answered
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    screen += text;
    const [prompt, keys] = waiting[0] ?? [];
    // A prompt is written once the terminal is in raw mode, so the keys are never echoed.
    if (prompt && keys && screen.indexOf(prompt, seen) !== -1) {
      waiting.shift();
      seen = screen.length;
      void Promise.resolve(keys()).then((typed) => child.stdin.write(typed));
    }
  });
  const [code] = (await once(child, "close")) as [number | null];
  return { code, screen: screen.replaceAll("\r\n", "\n") };
}

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
    const atTerminal = (keys: string) =>
      gatehouseAtTerminal(["login", "--url", server.url, "--username", "root.admin"], [["Password: ", () => keys]]);
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

/** A user with two-factor on: the key their app holds, the recovery codes they were shown. */
interface EnrolledUser {
  id: string;
  username: string;
  key: Uint8Array;
  recoveryCodes: string[];
  /** The last RFC 6238 time step this test used a code of. */
  lastStep: bigint;
}

const currentStep = () => BigInt(Math.floor(Date.now() / 30_000));

/**
 * The code of the time step the server takes next from this user: now's, or the one after the
 * last used when that is now's (a step once accepted, or an earlier one, is refused). Either
 * is within the one step of drift the server allows, whatever the clock does meanwhile; so at
 * most two codes per user every 30 seconds, which each test stays under.
 */
function nextCode(user: EnrolledUser): string {
  const now = currentStep();
  user.lastStep = now > user.lastStep ? now : user.lastStep + 1n;
  return generateHOTP(user.key, user.lastStep, 6);
}

/** Six digits that are no code of this user's in any time step the server could accept soon. */
function wrongCode(user: EnrolledUser): string {
  const near = [-2n, -1n, 0n, 1n, 2n, 3n].map((offset) => generateHOTP(user.key, currentStep() + offset, 6));
  return ["000000", "111111", "222222", "333333", "444444", "555555", "666666"].find((code) => !near.includes(code))!;
}

/** Creates a user (this test's CLI is logged in as an administrator) with two-factor on. */
async function enrolledUser(username: string): Promise<EnrolledUser> {
  return turnOnTwoFactor(username, await createUser(username));
}

/** Turns two-factor on for a user as they would: through the API, with the CLI's own client. */
async function turnOnTwoFactor(username: string, id: string, url = server.url): Promise<EnrolledUser> {
  const { client } = remoteClient(url);
  await client.account.logIn.mutate({ username, password: PASSWORD });
  const { secret } = await client.account.mfa.beginTotp.mutate({ password: PASSWORD });
  const user: EnrolledUser = { id, username, key: decodeBase32IgnorePadding(secret), recoveryCodes: [], lastStep: 0n };
  ({ recoveryCodes: user.recoveryCodes } = await client.account.mfa.confirmTotp.mutate({ code: nextCode(user) }));
  await client.account.logOut.mutate();
  return user;
}

/** `gatehouse login` as `username` with the password from GATEHOUSE_PASSWORD unless said. */
function logIn(username: string, args: string[] = [], options: RunOptions = {}): Promise<Run> {
  return gatehouseCli(["login", "--url", server.url, "--username", username, ...args], {
    password: PASSWORD,
    ...options,
  });
}

const loggedIn = (username: string) => `Logged in to ${server.url} as ${username} (user).\n`;
const INVALID_CODE =
  "gatehouse: This code is not valid. Codes work once; use the newest one from your app, or a recovery code. (INVALID_MFA_CODE)\n";
const NO_CODE =
  "gatehouse: Two-factor authentication is on for this account: pass --code CODE (or --recovery-code CODE), or set GATEHOUSE_TOTP.\n";
type AuditRow = { type: string; actorUsername: string | null; targetUsername: string | null };

describe("gatehouse CLI with two-factor authentication", () => {
  it("logs in with --code: the challenge cookie of the password step carries to the code step", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.code");
    const code = nextCode(user);
    expect(await logIn("mfa.code", ["--code", code])).toEqual({ code: 0, stdout: loggedIn("mfa.code"), stderr: "" });
    expect(await json(["me"])).toMatchObject({ username: "mfa.code" });
    // The same code again is a replay.
    expect(await logIn("mfa.code", ["--code", code], { config: mkdtempSync(join(dir, "config-")) })).toEqual({
      code: 1,
      stdout: "",
      stderr: INVALID_CODE,
    });
  });

  it("logs in with the code from GATEHOUSE_TOTP", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.env");
    const run = await logIn("mfa.env", ["--json"], { totp: nextCode(user) });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toEqual({ id: user.id, username: "mfa.env", role: "user" });
    expect(await json(["me"])).toMatchObject({ id: user.id, username: "mfa.env" });
  });

  it("logs in with a recovery code, each once: --recovery-code, or --code with anything but six digits", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.recovery");
    expect(user.recoveryCodes).toHaveLength(10);
    const [first, second] = user.recoveryCodes as [string, string];
    expect(first).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);

    expect(await logIn("mfa.recovery", ["--recovery-code", first])).toEqual({
      code: 0,
      stdout: loggedIn("mfa.recovery"),
      stderr: "",
    });
    expect(await json(["me"])).toMatchObject({ username: "mfa.recovery" });
    expect(await logIn("mfa.recovery", ["--code", first])).toEqual({ code: 1, stdout: "", stderr: INVALID_CODE });
    expect(await logIn("mfa.recovery", ["--code", second])).toEqual({
      code: 0,
      stdout: loggedIn("mfa.recovery"),
      stderr: "",
    });

    await logInAs();
    const used = await json<AuditRow[]>([
      "audit",
      "list",
      "--type",
      "mfa.recovery_code_used",
      "--target",
      user.username,
    ]);
    expect(used.map((event) => [event.type, event.actorUsername])).toEqual([
      ["mfa.recovery_code_used", "mfa.recovery"],
      ["mfa.recovery_code_used", "mfa.recovery"],
    ]);
  });

  it("refuses a wrong code with INVALID_MFA_CODE and exit code 1, keeps no session, never prints the code", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.wrong");
    const config = mkdtempSync(join(dir, "config-"));
    const wrong = wrongCode(user);
    expect(await logIn("mfa.wrong", ["--code", wrong], { config })).toEqual({
      code: 1,
      stdout: "",
      stderr: INVALID_CODE,
    });
    expect(await logIn("mfa.wrong", [], { totp: wrong, config })).toEqual({
      code: 1,
      stdout: "",
      stderr: INVALID_CODE,
    });
    expect(existsSync(join(config, "gatehouse", "session.json"))).toBe(false);

    const failed = await json<AuditRow[]>(["audit", "list", "--type", "login.mfa_failed", "--target", user.username]);
    expect(failed.map((event) => event.type)).toEqual(["login.mfa_failed", "login.mfa_failed"]);
  });

  it("without a terminal and without a code, says to pass --code or GATEHOUSE_TOTP and exits 2", async () => {
    await logInAs();
    await enrolledUser("mfa.nocode");
    const config = mkdtempSync(join(dir, "config-"));
    expect(await logIn("mfa.nocode", [], { config })).toEqual({ code: 2, stdout: "", stderr: NO_CODE });
    // With the password piped in, standard input is no terminal to ask at either.
    expect(await logIn("mfa.nocode", [], { config, password: undefined, input: `${PASSWORD}\n` })).toEqual({
      code: 2,
      stdout: "",
      stderr: NO_CODE,
    });
    expect(existsSync(join(config, "gatehouse", "session.json"))).toBe(false);
  });

  it("at a terminal, asks for the code after the password, without echo", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.terminal");
    const config = mkdtempSync(join(dir, "config-"));
    const code = nextCode(user);
    const typed = await gatehouseAtTerminal(
      ["login", "--url", server.url, "--username", "mfa.terminal"],
      [
        ["Password: ", () => `${PASSWORD}\r`],
        ["Two-factor code: ", () => `${code}\r`],
      ],
      { config },
    );
    expect(typed).toEqual({ code: 0, screen: `Password: \nTwo-factor code: \n${loggedIn("mfa.terminal")}` });
    expect(await json(["me"], { config })).toMatchObject({ username: "mfa.terminal" });
  });

  it("a log-in whose challenge ended while the code was typed (the password was set meanwhile) says to log in again", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.expired");
    const config = mkdtempSync(join(dir, "config-"));
    const typed = await gatehouseAtTerminal(
      ["login", "--url", server.url, "--username", "mfa.expired"],
      [
        [
          "Two-factor code: ",
          async () => {
            const set = await gatehouseCli(["users", "set-password", user.id], { input: "another cli password\n" });
            expect(set.code, set.stderr).toBe(0);
            return `${nextCode(user)}\r`;
          },
        ],
      ],
      { config, password: PASSWORD },
    );
    expect(typed).toEqual({
      code: 1,
      screen:
        "Two-factor code: \ngatehouse: Your log-in has expired. Log in with your password again. (MFA_CHALLENGE_EXPIRED)\n",
    });
    expect(existsSync(join(config, "gatehouse", "session.json"))).toBe(false);
  });

  it("users reset-mfa: an admin turns a user's two-factor off; their sessions end, the password alone logs in", async () => {
    await logInAs();
    const user = await enrolledUser("mfa.reset");
    const userConfig = mkdtempSync(join(dir, "config-"));
    expect(await logIn("mfa.reset", ["--code", nextCode(user)], { config: userConfig })).toMatchObject({ code: 0 });

    const listed = (await gatehouseCli(["users", "list", "--search", "mfa.reset"])).stdout.split("\n");
    expect(listed[0]).toMatch(/^ID\s+USERNAME\s+ROLE\s+ISACTIVE\s+2FA\s+CREATEDAT\s+LASTLOGINAT$/);
    expect(listed[1]).toMatch(/^\S+\s+mfa\.reset\s+user\s+true\s+true\s/);
    expect(await json(["users", "get", user.id])).toMatchObject({ mfaEnabled: true });
    // Only an administrator may.
    const byUser = await gatehouseCli(["users", "reset-mfa", user.id], { config: userConfig });
    expect(byUser).toMatchObject({ code: 1, stdout: "" });
    expect(byUser.stderr).toContain("(PERMISSION_DENIED)");

    expect(await gatehouseCli(["users", "reset-mfa", user.id])).toEqual({
      code: 0,
      stdout: "Two-factor authentication reset; the user's sessions have ended.\n",
      stderr: "",
    });
    expect(await json(["users", "get", user.id])).toMatchObject({ mfaEnabled: false });
    const ended = await gatehouseCli(["me"], { config: userConfig });
    expect(ended).toMatchObject({ code: 1, stdout: "" });
    expect(ended.stderr).toContain("(NOT_AUTHENTICATED)");
    // No code given and no terminal to ask at: none is needed any more.
    expect(await logIn("mfa.reset", [], { config: userConfig })).toEqual({
      code: 0,
      stdout: loggedIn("mfa.reset"),
      stderr: "",
    });

    expect(await gatehouseCli(["users", "reset-mfa", user.id])).toEqual({
      code: 1,
      stdout: "",
      stderr: "gatehouse: This user has not set up two-factor authentication. (MFA_NOT_ENABLED)\n",
    });
    const resets = await json<AuditRow[]>(["audit", "list", "--type", "mfa.reset", "--target", user.username]);
    expect(resets.map((event) => [event.type, event.actorUsername, event.targetUsername])).toEqual([
      ["mfa.reset", "root.admin", "mfa.reset"],
    ]);
  });

  it("users passkeys and remove-passkeys: an admin lists a user's passkeys and removes them all; their sessions end", async () => {
    await logInAs();
    const id = await createUser("keys.lost");
    const userConfig = mkdtempSync(join(dir, "config-"));
    expect(await logIn("keys.lost", [], { config: userConfig })).toMatchObject({ code: 0 });

    expect(await json(["users", "passkeys", id])).toEqual([]);
    expect((await gatehouseCli(["users", "passkeys", id])).stdout).toMatch(
      /^ID\s+NAME\s+BACKEDUP\s+LASTUSEDAT\s+CREATEDAT\n/,
    );
    // Only an administrator may.
    const byUser = await gatehouseCli(["users", "remove-passkeys", id], { config: userConfig });
    expect(byUser).toMatchObject({ code: 1, stdout: "" });
    expect(byUser.stderr).toContain("(PERMISSION_DENIED)");

    expect(await gatehouseCli(["users", "remove-passkeys", id])).toEqual({
      code: 0,
      stdout: "Passkeys removed; the user's sessions have ended.\n",
      stderr: "",
    });
    const ended = await gatehouseCli(["me"], { config: userConfig });
    expect(ended.stderr).toContain("(NOT_AUTHENTICATED)");
    const removals = await json<AuditRow[]>(["audit", "list", "--type", "passkey.removed", "--target", "keys.lost"]);
    expect(removals.map((event) => [event.type, event.actorUsername, event.targetUsername])).toEqual([
      ["passkey.removed", "root.admin", "keys.lost"],
    ]);
  });

  it("with REQUIRE_MFA=admins, an admin without two-factor is told where to set it up, then logs in with a code", async () => {
    // A server of its own, on a database of its own, that demands two-factor of administrators.
    const database = `file:${join(configHome, "require-mfa.db")}`;
    copyFileSync(emptyDatabase, database.slice("file:".length));
    const strict = createGatehouse(
      loadConfig({ DATABASE_URL: database, PASSWORD_PEPPER: PEPPER, LOG_LEVEL: "silent", REQUIRE_MFA: "admins" }),
    );
    const strictServer = await serveGatehouse(strict, { host: "127.0.0.1" });
    try {
      const { id } = await strict
        .localCaller()
        .system.bootstrapSuperAdmin({ username: "strict.root", password: PASSWORD });
      const logInThere = (args: string[] = [], options: RunOptions = {}) =>
        gatehouseCli(["login", "--url", strictServer.url, "--username", "strict.root", ...args], {
          password: PASSWORD,
          ...options,
        });
      expect(await logInThere()).toMatchObject({ code: 0, stderr: "" });
      expect(await json(["me"])).toMatchObject({ username: "strict.root" });
      expect(await gatehouseCli(["users", "list"])).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "gatehouse: Set up two-factor authentication to continue. The CLI cannot set it up: do it on the web app's /account page, then log in here again. (MFA_ENROLMENT_REQUIRED)\n",
      });

      const root = await turnOnTwoFactor("strict.root", id, strictServer.url);
      expect(await logInThere(["--code", nextCode(root)])).toMatchObject({ code: 0, stderr: "" });
      const listed = await json<{ items: Array<{ username: string; mfaEnabled: boolean }> }>(["users", "list"]);
      expect(listed.items).toEqual([expect.objectContaining({ username: "strict.root", mfaEnabled: true })]);
    } finally {
      await strictServer.close();
      await strict.dispose();
    }
  });

  it("documents two-factor in --help: login's code options, reset-mfa, and the audit event types", async () => {
    const login = await gatehouseCli(["login", "--help"]);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain("--code <code>");
    expect(login.stdout).toContain("--recovery-code <code>");
    expect(login.stdout).toContain("GATEHOUSE_TOTP");
    const reset = await gatehouseCli(["users", "reset-mfa", "--help"]);
    expect(reset.stdout).toContain("Usage: gatehouse users reset-mfa [options] <id>");
    const audit = await gatehouseCli(["audit", "list", "--help"]);
    const types = ["mfa.enabled", "mfa.disabled", "mfa.reset", "mfa.recovery_code_used"];
    for (const type of [...types, "mfa.recovery_codes_regenerated", "login.mfa_failed"]) {
      expect(audit.stdout).toContain(`"${type}"`);
    }
    const unknown = await gatehouseCli(["audit", "list", "--type", "mfa.sideways"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("option '--type <type>' argument 'mfa.sideways' is invalid");
  });
});

/** Makes an API key as its owner would: logged in through the API, with the CLI's own client. */
async function makeApiKey(username: string, scope: "read" | "full") {
  const { client } = remoteClient(server.url);
  await client.account.logIn.mutate({ username, password: PASSWORD });
  const made = await client.account.apiKeys.create.mutate({ password: PASSWORD, name: `cli ${scope}`, scope });
  return {
    ...made,
    /** Revokes the key, then ends the owner's session used for it. */
    revoke: async () => {
      await client.account.apiKeys.revoke.mutate({ keyId: made.id });
      await client.account.logOut.mutate();
    },
  };
}

const INVALID_KEY =
  "gatehouse: The API key is not valid (unknown, revoked, expired, or its owner deactivated). Make a new one, or unset GATEHOUSE_API_KEY and log in. (NOT_AUTHENTICATED)\n";
const KEY_HINT =
  "A read key only reads (make a full key to change things); no key manages API keys or two-factor (unset GATEHOUSE_API_KEY and log in).";

describe("gatehouse CLI with an API key (GATEHOUSE_API_KEY)", () => {
  it("me and users list act as the key's owner without login, and the key wins over a stored session", async () => {
    await logInAs();
    const userId = await createUser("key.listed");
    const key = await makeApiKey("root.admin", "read");
    const fresh = mkdtempSync(join(dir, "config-")); // never logged in
    expect(await json(["me"], { apiKey: key.key, config: fresh })).toMatchObject({ username: "root.admin" });
    const listed = await json<{ items: Array<{ id: string }> }>(["users", "list", "--search", "key.listed"], {
      apiKey: key.key,
      config: fresh,
    });
    expect(listed.items.map((item) => item.id)).toEqual([userId]);
    expect(existsSync(join(fresh, "gatehouse", "session.json"))).toBe(false); // nothing stored

    // This test's configuration is logged in as another user: with the key, no cookie goes out.
    await logInAs("key.listed");
    expect(await json(["me"])).toMatchObject({ username: "key.listed" });
    expect(await json(["me"], { apiKey: key.key })).toMatchObject({ username: "root.admin" });
    await key.revoke();
  });

  it("sends Authorization: Bearer <key> and no cookie, even with a stored session", async () => {
    await logInAs(); // a stored session with its cookie
    const seen: Array<{ authorization?: string; cookie?: string }> = [];
    const recorder = createHttpServer((request, response) => {
      seen.push({ authorization: request.headers.authorization, cookie: request.headers.cookie });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ result: { data: { username: "recorded" } } }));
    });
    try {
      const url = await listening(recorder);
      const key = `ghk_${"B".repeat(43)}`;
      expect(await json(["me"], { apiKey: key, url })).toEqual({ username: "recorded" });
      expect(seen).toEqual([{ authorization: `Bearer ${key}`, cookie: undefined }]);
    } finally {
      recorder.close();
    }
  });

  it("a read key is refused a mutation (API_KEY_SCOPE, exit 1, the user unchanged); a full key makes it", async () => {
    await logInAs();
    const userId = await createUser("key.target");
    const read = await makeApiKey("root.admin", "read");
    const refused = await gatehouseCli(["users", "deactivate", userId], { apiKey: read.key });
    expect(refused).toEqual({
      code: 1,
      stdout: "",
      stderr: `gatehouse: This API key may only read (scope read). ${KEY_HINT} (API_KEY_SCOPE)\n`,
    });
    expect(await json(["users", "get", userId])).toMatchObject({ isActive: true });

    const full = await makeApiKey("root.admin", "full");
    // No key resets two-factor, whatever its scope.
    const resetMfa = await gatehouseCli(["users", "reset-mfa", userId], { apiKey: full.key });
    expect(resetMfa.code).toBe(1);
    expect(resetMfa.stderr).toBe(
      `gatehouse: API keys cannot manage API keys or two-factor authentication: log in to do that. ${KEY_HINT} (API_KEY_SCOPE)\n`,
    );
    expect(await gatehouseCli(["users", "deactivate", userId], { apiKey: full.key })).toMatchObject({ code: 0 });
    expect(await json(["users", "get", userId])).toMatchObject({ isActive: false });
    await read.revoke();
    await full.revoke();
  });

  it("a revoked or unknown key is refused with what to do; a key without GATEHOUSE_URL is a usage error", async () => {
    await logInAs();
    await createUser("key.revoked");
    const key = await makeApiKey("key.revoked", "full");
    expect(await json(["me"], { apiKey: key.key })).toMatchObject({ username: "key.revoked" });
    await key.revoke();
    expect(await gatehouseCli(["me"], { apiKey: key.key })).toEqual({ code: 1, stdout: "", stderr: INVALID_KEY });
    const unknown = `ghk_${"A".repeat(43)}`;
    expect(await gatehouseCli(["users", "list"], { apiKey: unknown })).toEqual({
      code: 1,
      stdout: "",
      stderr: INVALID_KEY,
    });

    const noUrl = await gatehouseCli(["me"], { apiKey: unknown, url: "" });
    expect(noUrl).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "gatehouse: GATEHOUSE_API_KEY is set: set GATEHOUSE_URL to the server too, e.g. GATEHOUSE_URL=http://localhost:3000\n",
    });
  });

  it("says in --help that GATEHOUSE_API_KEY replaces login", async () => {
    const help = await gatehouseCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(
      "With GATEHOUSE_API_KEY (and GATEHOUSE_URL, the server) set, the remote commands send that API key instead of a session, so `login` is not needed; a read key only reads.",
    );
    expect((await gatehouseCli(["login", "--help"])).stdout.replace(/\s+/g, " ")).toContain(
      "Not needed with GATEHOUSE_API_KEY set.",
    );
  });
});
