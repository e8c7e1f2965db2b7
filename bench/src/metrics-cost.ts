// P8: what recording Prometheus metrics costs the authenticated read. Two API servers on one
// SQLite file, each in its own process (bench/src/metrics-server.ts): one records metrics and
// is scraped (GET /metrics) every second while it is loaded, as Prometheus would; the other is
// built without metrics. `account.me` with a session cookie is loaded on each in turn, in
// rounds ordered A B B A ... so that drift on a shared machine falls on both alike; the
// figure is the req/s of all rounds together, with the servers' CPU time per request.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { BENCH_USER, repoRoot } from "./app";
import { cpuMs } from "./read-load";
import type { Row } from "./row";

const PEPPER = "a benchmark pepper of at least 32 characters";
const TOKEN = randomBytes(32).toString("base64url");

interface MetricsServer {
  name: "with-metrics" | "without-metrics";
  url: string;
  child: ChildProcess;
}

export interface MetricsCostFigure {
  target: MetricsServer["name"];
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers that were not 2xx with the bench user (must be 0). */
  bad: number;
  serverCpuMsPerRequest: number | null;
  /** Scrapes of GET /metrics during the load (with-metrics only), every one a 200. */
  scrapes: number;
}

async function startServer(name: MetricsServer["name"], databaseUrl: string): Promise<MetricsServer> {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "bench", "src", "metrics-server.ts")], {
    cwd: join(repoRoot, "bench"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PASSWORD_PEPPER: PEPPER,
      LOG_LEVEL: "warn",
      METRICS_TOKEN: TOKEN,
      BENCH_METRICS: name === "with-metrics" ? "on" : "off",
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
      LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
      SIGNUP_MAX_PER_IP: "100000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve(line.trim()));
    child.once("exit", (code) => reject(new Error(`${name} server exited with ${code} before it served`)));
  });
  return { name, url, child };
}

async function stopServer({ child }: MetricsServer): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/trpc/account.logIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_USER),
  });
  if (!response.ok) throw new Error(`log-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

/**
 * GET /metrics every second until stopped, from a process of its own as Prometheus would (in
 * the load generator's process, its fetches would slow the load itself); counts the scrapes,
 * each of which must be a 200 with the call histogram.
 */
async function startScraper(url: string): Promise<{ stop(): Promise<number> }> {
  const script = `
    let scrapes = 0, failure = null;
    const scrape = async () => {
      try {
        const response = await fetch(process.env.SCRAPE_URL, { headers: { authorization: "Bearer " + process.env.SCRAPE_TOKEN } });
        const text = await response.text();
        if (response.status !== 200 || !text.includes("gatehouse_api_call_duration_seconds_count")) failure ??= "a scrape answered " + response.status;
        scrapes += 1;
      } catch (error) { failure ??= String(error); }
    };
    const timer = setInterval(scrape, 1000);
    process.once("SIGTERM", () => { clearInterval(timer); process.stdout.write(JSON.stringify({ scrapes, failure }) + "\\n"); process.exit(0); });
    process.stdout.write("ready\\n");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, SCRAPE_URL: `${url}/metrics`, SCRAPE_TOKEN: TOKEN },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  await lines.next(); // "ready"
  return {
    async stop() {
      child.kill("SIGTERM");
      const value: unknown = (await lines.next()).value;
      const { scrapes, failure } = JSON.parse(String(value)) as { scrapes: number; failure: string | null };
      if (failure) throw new Error(failure);
      return scrapes;
    },
  };
}

function load(url: string, cookie: string, connections: number, length: { duration: number } | { amount: number }) {
  return autocannon({
    url: `${url}/api/trpc/account.me`,
    headers: { cookie },
    connections,
    ...length,
    verifyBody: (body) => String(body ?? "").includes(`"username":"${BENCH_USER.username}"`),
  });
}

export interface MetricsCostOptions {
  /** Seconds of load per round and server. */
  seconds: number;
  /** Rounds per server (A B B A ...); default 4. */
  rounds?: number;
  connections?: number;
  warmUpRequests?: number;
}

/** P8: account.me with metrics recording and scraped, against the same server without metrics. */
export async function metricsCost(
  options: MetricsCostOptions,
): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const { seconds, rounds = 4, connections = 16, warmUpRequests = 2000 } = options;
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-metrics-"));
  const databaseUrl = `file:${join(dir, "metrics.db")}`;
  const servers: MetricsServer[] = [];
  try {
    // One after the other: each migrates the shared file before it serves.
    servers.push(await startServer("without-metrics", databaseUrl));
    servers.push(await startServer("with-metrics", databaseUrl));
    const signUp = await fetch(`${servers[0]!.url}/api/trpc/account.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(BENCH_USER),
    });
    if (!signUp.ok) throw new Error(`could not sign the bench user up: ${signUp.status}`);

    const totals = new Map<MetricsServer["name"], MetricsCostFigure>();
    const cookies = new Map<MetricsServer["name"], string>();
    for (const server of servers) {
      cookies.set(server.name, await sessionCookie(server.url));
      await load(server.url, cookies.get(server.name)!, connections, { amount: warmUpRequests });
      totals.set(server.name, {
        target: server.name,
        requests: 0,
        seconds: 0,
        requestsPerSecond: 0,
        p99Ms: 0,
        bad: 0,
        serverCpuMsPerRequest: 0,
        scrapes: 0,
      });
    }
    const order = Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? servers : [...servers].reverse()));
    for (const server of order.flat()) {
      const total = totals.get(server.name)!;
      const scrapes = server.name === "with-metrics" ? await startScraper(server.url) : null;
      const cpuBefore = cpuMs([server.child.pid!]);
      const result = await load(server.url, cookies.get(server.name)!, connections, { duration: seconds });
      const cpuAfter = cpuMs([server.child.pid!]);
      total.scrapes += (await scrapes?.stop()) ?? 0;
      total.requests += result["2xx"] - result.mismatches;
      total.seconds += result.duration;
      total.p99Ms = Math.max(total.p99Ms, result.latency.p99);
      total.bad += result.non2xx + result.mismatches + result.errors + result.timeouts;
      if (cpuBefore === null || cpuAfter === null || total.serverCpuMsPerRequest === null) {
        total.serverCpuMsPerRequest = null;
      } else total.serverCpuMsPerRequest += cpuAfter - cpuBefore; // summed here, divided below
    }
    for (const total of totals.values()) {
      total.requestsPerSecond = total.requests / total.seconds;
      if (total.serverCpuMsPerRequest !== null) total.serverCpuMsPerRequest /= Math.max(1, total.requests);
    }

    const on = totals.get("with-metrics")!;
    const off = totals.get("without-metrics")!;
    const describe = (f: MetricsCostFigure) =>
      `${f.requestsPerSecond.toFixed(0)} req/s` +
      (f.serverCpuMsPerRequest === null ? "" : `, ${f.serverCpuMsPerRequest.toFixed(3)} ms CPU`) +
      (f.bad === 0 ? "" : ` (${f.bad} bad answers)`);
    const ratio = off.requestsPerSecond > 0 ? on.requestsPerSecond / off.requestsPerSecond : 0;
    const row: Row = {
      id: "P8",
      measure: `account.me recording metrics, scraped every second, vs without metrics (${connections} connections, ${rounds} × ${seconds} s each)`,
      gatehouse: describe(on),
      baseline: describe(off),
      ratio,
      goal: "≥ 0.95",
      met: ratio >= 0.95 && on.bad === 0 && off.bad === 0 && on.scrapes > 0,
    };
    return { rows: [row], figures: { connections, seconds, rounds, warmUpRequests, targets: { on, off } } };
  } finally {
    await Promise.all(servers.map(stopServer));
    rmSync(dir, { recursive: true, force: true });
  }
}
