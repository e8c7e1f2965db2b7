// P1, P2 and P7: the authenticated read (`account.me` with a valid session; P7: with an API
// key, `Authorization: Bearer`) against baselines served in the same run, each in its own process:
//  - Gatehouse: the production build from startApp() (`pnpm start`, SQLite);
//  - "next-raw": a hand-written Next.js route doing the same work by hand against the same
//    SQLite file (bench/baseline-web, app/api/raw/me), built and started the same way;
//  - "bare-node": the same work on a bare node:http server (bench/baseline-web/bare-node.ts);
//  - "better-auth": better-auth's get-session (email and password, its own SQLite file)
//    mounted in a route handler of the same Next.js app.
// Load comes from autocannon in this process, where no server runs, at a fixed concurrency.
// Every response is checked: a target counts only with 2xx answers naming the bench user.
// Beside req/s each target reports the CPU time its server processes spent per request
// (Linux /proc), which holds when other work shares the machine's cores. On 2 cores the bare
// server outruns one autocannon process: its req/s is the load generator's ceiling, a floor
// for the machine's.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { Row } from "./row";
import { BENCH_USER, freePort, repoRoot, type RunningApp } from "./app";

const baselineDir = join(repoRoot, "bench", "baseline-web");
const benchDir = join(repoRoot, "bench");
const BETTER_AUTH_USER = { email: "bench.user@example.com", password: BENCH_USER.password, name: BENCH_USER.username };

export interface ReadFigure {
  target: string;
  url: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  mismatches: number;
  errors: number;
  timeouts: number;
  /** Only 2xx answers with the right user's body: a target that answers 401 does not count. */
  valid: boolean;
  /**
   * CPU time the server's processes spent per answered request during the measurement
   * (Linux /proc; null elsewhere). Unlike req/s it does not depend on what else runs on
   * the machine, including the load generator.
   */
  serverCpuMsPerRequest: number | null;
}

interface Target {
  name: string;
  url: string;
  /** What signs the request in: a session cookie, or an API key's Authorization header. */
  headers: Record<string, string>;
  /** A piece of the body that only a correct, signed-in answer contains. */
  expect: string;
  /** The server's processes, for their CPU time. */
  processes: () => number[];
}

interface Server {
  name: string;
  child: ChildProcess;
}

function startServer(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Server {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  return { name, child };
}

/** SIGTERM to the server's whole process group, SIGKILL to whatever is left after 5 s. */
async function stopServer({ child }: Server): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pgid, signal);
      return true;
    } catch {
      return false; // nobody left in the group
    }
  };
  if (!signalGroup("SIGTERM")) return;
  for (let i = 0; i < 50 && processGroup(pgid).length > 0; i++) await new Promise((done) => setTimeout(done, 100));
  signalGroup("SIGKILL");
  if (child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once("exit", done));
}

/** Live (not zombie) processes of a process group (our detached servers). */
function processGroup(pgid: number): number[] {
  return scanProcesses((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return state !== "Z" && Number(group) === pgid;
  });
}

/** Processes started with `name=value` in their environment (Gatehouse's `pnpm start` tree). */
function processesWithEnv(name: string, value: string): number[] {
  const entry = `${name}=${value}`;
  return scanProcesses((pid) => readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(entry));
}

function scanProcesses(match: (pid: string) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(entry)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** User + system CPU time of these processes in ms (clock ticks of 10 ms), or null without /proc. */
export function cpuMs(pids: number[]): number | null {
  if (pids.length === 0) return null;
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks * 10;
}

async function waitFor(server: Server, url: string, ready: (status: number) => boolean): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited with ${server.child.exitCode}`);
    const status = await fetch(url).then(
      (r) => r.arrayBuffer().then(() => r.status),
      () => 0,
    );
    if (status && ready(status)) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${server.name} did not answer at ${url} within a minute`);
}

/** `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

async function gatehouseCookie(url: string): Promise<string> {
  // No Origin header: a client that is not a browser (see checkOrigin in packages/api/src/trpc/init.ts).
  const response = await fetch(`${url}/api/trpc/account.logIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_USER),
  });
  if (!response.ok) throw new Error(`Gatehouse log-in failed: ${response.status} ${await response.text()}`);
  const cookie = cookieOf(response);
  if (!cookie.includes("gatehouse_session=")) throw new Error("Gatehouse log-in set no session cookie");
  return cookie;
}

/** A `read` key for the bench user, made through the API with its session, as a program's owner would. */
async function gatehouseApiKey(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/trpc/account.apiKeys.create`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ password: BENCH_USER.password, name: "bench", scope: "read" }),
  });
  if (!response.ok) throw new Error(`Gatehouse API key creation failed: ${response.status} ${await response.text()}`);
  const { result } = (await response.json()) as { result: { data: { key: string } } };
  return result.data.key;
}

async function betterAuthCookie(url: string): Promise<string> {
  // better-auth refuses a POST without an Origin (MISSING_OR_NULL_ORIGIN): send its own.
  const response = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify(BETTER_AUTH_USER),
  });
  if (!response.ok) throw new Error(`better-auth sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = cookieOf(response);
  if (!cookie.includes("session_token=")) throw new Error("better-auth sign-up set no session cookie");
  return cookie;
}

/** One request by hand: the target must answer 200 with the bench user before it is loaded. */
async function check(target: Target): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(target.expect)) {
    throw new Error(`${target.name} does not answer the signed-in read: ${response.status} ${body.slice(0, 200)}`);
  }
}

async function load(
  target: Target,
  connections: number,
  length: { duration: number } | { amount: number },
): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    headers: target.headers,
    connections,
    ...length,
    verifyBody: (body) => String(body ?? "").includes(target.expect),
  });
}

async function measure(
  target: Target,
  seconds: number,
  connections: number,
  warmUpRequests: number,
): Promise<ReadFigure> {
  await check(target);
  // Warm-up by count, not time: the JIT warms per request, and the targets' speeds differ 100-fold.
  await load(target, connections, { amount: warmUpRequests });
  const pids = target.processes();
  const cpuBefore = cpuMs(pids);
  const result = await load(target, connections, { duration: seconds });
  const cpuAfter = cpuMs(pids);
  await check(target); // still signed in after the load
  const valid = result.non2xx === 0 && result.mismatches === 0 && result.errors === 0 && result.timeouts === 0;
  const verified = Math.max(0, result["2xx"] - result.mismatches);
  return {
    target: target.name,
    url: target.url,
    connections,
    seconds,
    // Only verified answers count: the average of autocannon's per-second samples when all
    // are good, else the verified answers over the duration.
    requestsPerSecond: valid ? result.requests.average : verified / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    errors: result.errors,
    timeouts: result.timeouts,
    valid,
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
        ? (cpuAfter - cpuBefore) / result.requests.total
        : null,
  };
}

/** A target's figure for the table (every figure is in latest.json). */
const describe = (f: ReadFigure) =>
  `${f.requestsPerSecond.toFixed(0)} req/s, p99 ${f.p99Ms} ms` +
  (f.serverCpuMsPerRequest === null ? "" : `, ${f.serverCpuMsPerRequest.toFixed(2)} ms CPU`) +
  (f.valid ? "" : " (INVALID answers)");

export interface ReadOptions {
  seconds: number;
  /** Fixed concurrency for every target. */
  connections?: number;
  /** Requests sent to each target before it is measured (default 2000). */
  warmUpRequests?: number;
}

/** P1, P2 and P7: builds and starts the baselines, measures the five targets, stops what it started. */
export async function readBenchmarks(
  app: RunningApp,
  options: ReadOptions,
): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const connections = options.connections ?? 16;
  const warmUpRequests = options.warmUpRequests ?? 2000;
  const build = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@gatehouse/bench-baseline-web", "--output-logs=errors-only"],
    {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" },
    },
  );
  if (build.status !== 0) throw new Error(`building bench/baseline-web failed (${build.status ?? build.signal})`);

  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-baselines-"));
  const servers: Server[] = [];
  // A safety net if this process dies before the finally below runs.
  const killAll = () => {
    for (const { child } of servers) {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  process.once("exit", killAll);
  try {
    const [webPort, barePort] = [await freePort(), await freePort()];
    const webUrl = `http://127.0.0.1:${webPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const shared = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      GATEHOUSE_DATABASE_URL: app.databaseUrl,
    };
    const web = startServer("baseline-web (next start)", "pnpm", ["start"], baselineDir, {
      ...shared,
      PORT: String(webPort),
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
      BETTER_AUTH_URL: webUrl,
      BETTER_AUTH_DATABASE_PATH: join(dir, "better-auth.db"),
    });
    servers.push(web);
    // `--import tsx` resolves from bench/, where tsx is a dependency; better-sqlite3 from baseline-web.
    const bare = startServer(
      "bare node:http",
      process.execPath,
      ["--import", "tsx", join(baselineDir, "bare-node.ts")],
      benchDir,
      {
        ...shared,
        PORT: String(barePort),
      },
    );
    servers.push(bare);
    await waitFor(web, `${webUrl}/api/raw/me`, (status) => status === 401);
    await waitFor(bare, `${bareUrl}/health`, (status) => status === 200);

    const gatehouse = await gatehouseCookie(app.url);
    const apiKey = await gatehouseApiKey(app.url, gatehouse);
    const betterAuth = await betterAuthCookie(webUrl);
    const marker = `"username":"${BENCH_USER.username}"`;
    const gatehouseProcesses = () => processesWithEnv("DATABASE_URL", app.databaseUrl);
    const webProcesses = () => processGroup(web.child.pid!);
    const bareProcesses = () => processGroup(bare.child.pid!);
    const targets: Target[] = [
      {
        name: "gatehouse",
        url: `${app.url}/api/trpc/account.me`,
        headers: { cookie: gatehouse },
        expect: marker,
        processes: gatehouseProcesses,
      },
      {
        name: "gatehouse-api-key",
        url: `${app.url}/api/trpc/account.me`,
        headers: { authorization: `Bearer ${apiKey}` },
        expect: marker,
        processes: gatehouseProcesses,
      },
      {
        name: "next-raw",
        url: `${webUrl}/api/raw/me`,
        headers: { cookie: gatehouse },
        expect: marker,
        processes: webProcesses,
      },
      {
        name: "better-auth",
        url: `${webUrl}/api/auth/get-session`,
        headers: { cookie: betterAuth },
        expect: `"email":"${BETTER_AUTH_USER.email}"`,
        processes: webProcesses,
      },
      {
        name: "bare-node",
        url: `${bareUrl}/api/raw/me`,
        headers: { cookie: gatehouse },
        expect: marker,
        processes: bareProcesses,
      },
    ];
    const results: Record<string, ReadFigure> = {};
    for (const target of targets)
      results[target.name] = await measure(target, options.seconds, connections, warmUpRequests);
    const g = results.gatehouse!;
    const key = results["gatehouse-api-key"]!;
    const raw = results["next-raw"]!;
    const ba = results["better-auth"]!;
    const bareNode = results["bare-node"]!;
    const ratio = (a: ReadFigure, b: ReadFigure) =>
      b.requestsPerSecond > 0 ? a.requestsPerSecond / b.requestsPerSecond : 0;
    // P1 (session cookie) and P7 (API key) against the same two baselines, with the same goals.
    const againstHandWritten = (id: string, call: string, figure: ReadFigure): Row[] => {
      const vsRaw = ratio(figure, raw);
      const vsBare = ratio(figure, bareNode);
      return [
        {
          id,
          measure: `${call} vs the hand-written Next.js route (${connections} connections)`,
          gatehouse: describe(figure),
          baseline: describe(raw),
          ratio: vsRaw,
          goal: "≥ 3.0",
          met: vsRaw >= 3.0 && figure.valid && raw.valid,
        },
        {
          id,
          measure: `${call} vs bare node:http doing the same work (${connections} connections)`,
          gatehouse: describe(figure),
          baseline: describe(bareNode),
          ratio: vsBare,
          goal: "≥ 0.2",
          met: vsBare >= 0.2 && figure.valid && bareNode.valid,
        },
      ];
    };
    const p2 = ratio(g, ba);
    const rows: Row[] = [
      ...againstHandWritten("P1", "account.me", g),
      {
        id: "P2",
        measure: `account.me vs better-auth's get-session (${connections} connections)`,
        gatehouse: describe(g),
        baseline: describe(ba),
        ratio: p2,
        goal: "≥ 4.0",
        met: p2 >= 4.0 && g.valid && ba.valid,
      },
      ...againstHandWritten("P7", "account.me with an API key", key),
    ];
    return { rows, figures: { connections, seconds: options.seconds, warmUpRequests, targets: results } };
  } finally {
    await Promise.all(servers.map(stopServer));
    process.removeListener("exit", killAll);
    rmSync(dir, { recursive: true, force: true });
  }
}
