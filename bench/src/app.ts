// The app under measurement: the production build started with `pnpm start` on a fresh
// SQLite file, exactly as the README says, with throttling budgets out of the way.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createGatehouse, loadConfig } from "@gatehouse/api/server";

export const repoRoot = resolve(import.meta.dirname, "../..");
const PEPPER = "a benchmark pepper of at least 32 characters";
export const BENCH_USER = { username: "bench.user", password: "correct horse battery" };

export interface RunningApp {
  url: string;
  /** The app's SQLite file (`file:/abs/path.db`): the P1 baselines read the same file. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-"));
  const databaseUrl = `file:${join(dir, "bench.db")}`;
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    PASSWORD_PEPPER: PEPPER,
    LOG_LEVEL: "warn",
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
    LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
    SIGNUP_MAX_PER_IP: "100000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const child = spawn("pnpm", ["start"], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((done) => child.once("exit", done));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/trpc/health.check`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      await seed(databaseUrl, url);
      return { url, databaseUrl, stop };
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  await stop();
  throw new Error("pnpm start did not answer within 5 minutes");
}

/** The super admin through the operator path, the bench user through the public API. */
async function seed(databaseUrl: string, url: string): Promise<void> {
  const gatehouse = createGatehouse(
    loadConfig({ DATABASE_URL: databaseUrl, PASSWORD_PEPPER: PEPPER, LOG_LEVEL: "silent" }),
  );
  try {
    await gatehouse.localCaller().system.bootstrapSuperAdmin({ username: "root.admin", password: BENCH_USER.password });
  } finally {
    await gatehouse.dispose();
  }
  const response = await fetch(`${url}/api/trpc/account.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_USER),
  });
  if (!response.ok) throw new Error(`could not sign the bench user up: ${response.status}`);
}
