// SIGTERM on the real server (`pnpm start`), under load: every request ends as acknowledged,
// as a clear refusal, or as a connection refused once the listener is closed; never as a reset
// connection or a cut response (the keep-alive race). What was acknowledged is in the
// database when the server starts again. On SQLite (a file this test owns, so that it outlives
// the first app's folder) and on PostgreSQL (a database of its own).
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppUnderTest } from "./app-under-test";
import { createPostgresDatabase, type PostgresDatabase } from "./postgres-database";
import { apiAs, bootstrapSuperAdmin } from "./seed";

const PASSWORD = "correct horse battery";
const ROOT = "root.admin";
const READER = "load.reader";
/** Budgets out of the way: the load is many sign-ups and log-ins from one address. */
const LOAD_ENV = {
  SIGNUP_MAX_PER_IP: "100000",
  LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
};
const SIGN_UP_CLIENTS = 16;
const LOG_IN_CLIENTS = 4;

const dir = mkdtempSync(join(tmpdir(), "gatehouse-shutdown-"));
let postgres: PostgresDatabase;
const started: AppUnderTest[] = [];

async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<AppUnderTest> {
  const app = await startApp({ databaseUrl, env: { ...LOAD_ENV, ...env } });
  started.push(app);
  return app;
}

beforeAll(async () => {
  postgres = await createPostgresDatabase("shutdown");
});

afterAll(async () => {
  await Promise.all(started.map((app) => app.stop()));
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The error's appCode, or "ok". */
  outcome: string;
}

/**
 * A POST to the API on `agent`'s connections; `sendBody` writes the body (all at once by
 * default). Rejects with Node's error when the connection fails or the response is cut.
 */
function post(
  baseUrl: string,
  agent: Agent,
  path: string,
  input: unknown,
  sendBody: (req: ClientRequest, body: string) => void = (req, body) => req.end(body),
): Promise<Reply> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/api/trpc/${path}`, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => {
        try {
          const parsed = JSON.parse(text) as { error?: { data?: { appCode?: string } } };
          resolve({ status: res.statusCode!, headers: res.headers, outcome: parsed.error?.data?.appCode ?? "ok" });
        } catch {
          reject(new Error(`a response that is not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
        }
      });
    });
    sendBody(req, body);
  });
}

interface LoadOutcomes {
  /** Sign-ups answered 200: these users must exist afterwards. */
  signedUp: string[];
  logIns: number;
  /** Clear refusals: an error status with an appCode (e.g. the hasher's 503). */
  refusals: string[];
  /** Loops ended by ECONNREFUSED: the listener was closed. */
  connectionsRefused: number;
  /** Anything else: a reset, a hang-up, a cut or malformed response. Must stay empty. */
  broken: string[];
}

/** One client on a keep-alive connection of its own, sending `next()`'s call in a loop until refused. */
async function clientLoop(
  baseUrl: string,
  outcomes: LoadOutcomes,
  next: (i: number) => [path: string, input: { username: string; password: string }],
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; ; i++) {
      const [path, input] = next(i);
      try {
        const reply = await post(baseUrl, agent, path, input);
        if (reply.status === 200 && path === "account.signUp") outcomes.signedUp.push(input.username);
        else if (reply.status === 200) outcomes.logIns++;
        else if (reply.outcome !== "ok") outcomes.refusals.push(`${reply.status} ${reply.outcome}`);
        else outcomes.broken.push(`${reply.status} without an appCode`);
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        if (code === "ECONNREFUSED") outcomes.connectionsRefused++;
        else outcomes.broken.push(`${code ?? ""} ${message}`);
        return;
      }
    }
  } finally {
    agent.destroy();
  }
}

async function until(condition: () => boolean, what: string, deadlineMs = 120_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** Every username on the server, through the super admin's users.list. */
async function allUsernames(app: AppUnderTest): Promise<Set<string>> {
  const root = await apiAs(app, ROOT, PASSWORD);
  const names = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ username: string }>; nextCursor: string | null } = await root.users.list.query({
      limit: 100,
      cursor,
    });
    for (const user of page.items) names.add(user.username);
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

describe.each([
  ["SQLite", () => `file:${join(dir, "load.db")}`],
  ["PostgreSQL", () => postgres.url],
])("SIGTERM under load on %s", (_provider, databaseUrl) => {
  it("acknowledges, refuses clearly or refuses the connection, never resets; exits 0; every acknowledged user is there after a restart", async () => {
    const app = await start(databaseUrl());
    await bootstrapSuperAdmin(app, ROOT, PASSWORD);
    const setUp = new Agent({ keepAlive: false });
    expect((await post(app.url, setUp, "account.signUp", { username: READER, password: PASSWORD })).status).toBe(200);

    const outcomes: LoadOutcomes = { signedUp: [], logIns: 0, refusals: [], connectionsRefused: 0, broken: [] };
    const loops = [
      ...Array.from({ length: SIGN_UP_CLIENTS }, (_, client) =>
        clientLoop(app.url, outcomes, (i) => [
          "account.signUp",
          { username: `load.${client}.${i}`, password: PASSWORD },
        ]),
      ),
      ...Array.from({ length: LOG_IN_CLIENTS }, () =>
        clientLoop(app.url, outcomes, () => ["account.logIn", { username: READER, password: PASSWORD }]),
      ),
    ];
    await until(() => outcomes.signedUp.length >= 2 * SIGN_UP_CLIENTS && outcomes.logIns >= LOG_IN_CLIENTS, "load");

    const exitCode = await app.signal("SIGTERM");
    await Promise.all(loops);

    expect(outcomes.broken).toEqual([]);
    expect(outcomes.connectionsRefused).toBe(SIGN_UP_CLIENTS + LOG_IN_CLIENTS);
    expect(exitCode).toBe(0);
    expect(app.output()).toMatch(/Gatehouse is stopping \(SIGTERM\)/);
    expect(app.output()).toMatch(/Gatehouse stopped after \d+ ms: every request finished\./);
    console.log(
      `${_provider}: ${outcomes.signedUp.length} sign-ups and ${outcomes.logIns} log-ins acknowledged, ` +
        `${outcomes.refusals.length} refused (${[...new Set(outcomes.refusals)].join(", ") || "none"}), ` +
        `${outcomes.connectionsRefused} connections refused; ` +
        app
          .output()
          .split("\n")
          .filter((line) => line.startsWith("Gatehouse st"))
          .join(" / "),
    );

    const again = await start(databaseUrl());
    const usernames = await allUsernames(again);
    expect(outcomes.signedUp.filter((username) => !usernames.has(username))).toEqual([]);
    expect(usernames.has(READER)).toBe(true);
    await again.stop();
  }, 300_000);
});

describe("a request in flight at the signal", () => {
  /** Sends the headers and half the body now; `finish()` sends the rest. */
  function slowSignUp(app: AppUnderTest, agent: Agent, username: string) {
    let finish = () => {};
    const reply = post(app.url, agent, "account.signUp", { username, password: PASSWORD }, (req, body) => {
      req.write(body.slice(0, 10));
      finish = () => req.end(body.slice(10));
    });
    return { reply, finish: () => finish() };
  }

  it("is answered, with Connection: close, when it ends within the grace", async () => {
    const app = await start(`file:${join(dir, "slow.db")}`, { SHUTDOWN_GRACE_MS: "60000" });
    // A connection the server has surely accepted: the slow request follows on it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await post(app.url, agent, "account.signUp", { username: "first.user", password: PASSWORD })).status).toBe(
      200,
    );
    const slow = slowSignUp(app, agent, "slow.user");

    const exitCode = app.signal("SIGTERM");
    await until(() => app.output().includes("Gatehouse is stopping"), "the stopping line");
    slow.finish();
    const reply = await slow.reply;
    expect([reply.status, reply.outcome, reply.headers.connection]).toEqual([200, "ok", "close"]);
    expect(await exitCode).toBe(0);
    expect(app.output()).toMatch(/every request finished\./);
    agent.destroy();
  });

  it("does not keep the process alive past a small SHUTDOWN_GRACE_MS when it never ends", async () => {
    const app = await start(`file:${join(dir, "hung.db")}`, { SHUTDOWN_GRACE_MS: "2000" });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await post(app.url, agent, "account.signUp", { username: "first.user", password: PASSWORD })).status).toBe(
      200,
    );
    const hung = slowSignUp(app, agent, "hung.user");
    const cut = hung.reply.then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );

    // Without the grace, the open request would hold the process for Node's requestTimeout (300 s).
    expect(await app.signal("SIGTERM")).toBe(0);
    const stopped = /Gatehouse stopped after (\d+) ms: 1 request\(s\) still running at the grace's end were cut\./.exec(
      app.output(),
    );
    expect(stopped, app.output()).not.toBeNull();
    expect(Number(stopped![1])).toBeGreaterThanOrEqual(2000);
    expect(await cut).toBe("ECONNRESET");
    agent.destroy();
  });
});
