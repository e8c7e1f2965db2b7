// Runs the real app exactly as the README says (`pnpm start`) on a fresh SQLite file and
// a free port, and drives Debian's Chromium against it with playwright-core.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";

const repoRoot = resolve(import.meta.dirname, "../../..");

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const E2E_PEPPER = "an end-to-end test pepper of 32+ characters";

export interface AppUnderTest {
  url: string;
  databaseUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * A port the OS had free a moment ago. `pnpm start` takes its port from PORT and derives its
 * origin from it, so it cannot listen on 0 and report the port; instead, when someone else
 * binds the port before the app does (the race of any check-then-bind), the app refuses to
 * start ("PORT: ... is already in use") and startApp starts it again on another port.
 */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface StartOptions {
  /** More variables (budgets, TRUST_PROXY, APP_ORIGIN, ...). */
  env?: Record<string, string>;
  /** A database to share (another instance's); by default a SQLite file of its own. */
  databaseUrl?: string;
}

export async function startApp(options: StartOptions = {}): Promise<AppUnderTest> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOnce(options);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startAppOnce({ env = {}, databaseUrl: sharedDatabase }: StartOptions): Promise<AppUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-e2e-"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const databaseUrl = sharedDatabase ?? `file:${join(dir, "e2e.db")}`;
  let output = "";
  const child: ChildProcess = spawn("pnpm", ["start"], {
    cwd: repoRoot,
    detached: true, // its own process group, so stop() ends pnpm, turbo and next together
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PASSWORD_PEPPER: E2E_PEPPER,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // Whatever ends the wait below without a running app (it exited, it never answered, this
  // process threw), the app and its folder (its SQLite database) go with it.
  try {
    const deadline = Date.now() + 220_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        const message = `pnpm start exited with ${child.exitCode}:\n${output}`;
        throw /PORT: \d+ is already in use/.test(output) ? new PortTakenError(message) : new Error(message);
      }
      try {
        const response = await fetch(`${url}/api/trpc/health.check`);
        if (response.ok) return { url, databaseUrl, output: () => output, stop };
      } catch {
        // not listening yet
      }
      await new Promise((wait) => setTimeout(wait, 500));
    }
    throw new Error(`pnpm start did not answer within the time limit:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
}
