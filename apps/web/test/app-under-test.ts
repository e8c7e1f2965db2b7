// Runs the real app exactly as the README says (`pnpm start`) on a fresh SQLite file and
// a free port, and drives Debian's Chromium against it with playwright-core.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { apiAs, bootstrapSuperAdmin, E2E_PEPPER } from "./seed";

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

/**
 * Where the browser tests put their screenshots, for people to look at after a run (light and
 * dark, desktop and phone): outside the repository, kept on purpose (.ci/run does not count
 * them as leftovers).
 */
export const SCREENSHOTS = join(tmpdir(), "gatehouse-screenshots");

export interface AppUnderTest {
  url: string;
  databaseUrl: string;
  output: () => string;
  stop(): Promise<void>;
  /**
   * Sends one signal to `pnpm start` itself, as an operator or a process manager would (pnpm
   * passes it on: each script `exec`s the next, so no shell stands between pnpm and the
   * server), waits for it to end and answers its exit code, which is the server's (null: ended
   * by a signal). Fails if anything of it is left running. Its folder goes as with stop().
   */
  signal(signal: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** More variables (budgets, TRUST_PROXY, APP_ORIGIN, ...). */
  env?: Record<string, string>;
  /** A database to share (another instance's); by default a SQLite file of its own. */
  databaseUrl?: string;
}

/**
 * Starts `pnpm start` with PORT=0: the server listens on a port the OS gives it (no
 * check-then-bind race), and its "ready" line names the URL.
 */
export async function startApp({ env = {}, databaseUrl: sharedDatabase }: StartOptions = {}): Promise<AppUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-e2e-"));
  const databaseUrl = sharedDatabase ?? `file:${join(dir, "e2e.db")}`;
  let output = "";
  const child: ChildProcess = spawn("pnpm", ["start"], {
    cwd: repoRoot,
    detached: true, // its own process group, so stop() ends pnpm, turbo and next together
    env: {
      ...process.env,
      PORT: "0",
      DATABASE_URL: databaseUrl,
      PASSWORD_PEPPER: E2E_PEPPER,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    const code = await exited;
    // Helpers of the server (tsx's esbuild) end when its pipes close, a moment after it.
    const running = () => spawnSync("pgrep", ["-g", String(child.pid), "-a"], { encoding: "utf8" }).stdout.trim();
    for (let tries = 0; tries < 50 && running(); tries++) await new Promise((wait) => setTimeout(wait, 100));
    const left = running();
    if (left) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`pnpm start ended with ${code} but left these running:\n${left}`);
    }
    rmSync(dir, { recursive: true, force: true });
    return code;
  };

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
      if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output}`);
      // "Gatehouse is ready at <origin>[, listening on <url>] (...)": the URL it listens on.
      const url = /Gatehouse is ready at (?:\S+, listening on )?(http:\/\/localhost:\d+) /.exec(output)?.[1];
      if (url) return { url, databaseUrl, output: () => output, stop, signal };
      await new Promise((wait) => setTimeout(wait, 200));
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

/** The browser tests' two screen sizes. */
export const VIEWPORT: Record<"desktop" | "phone", { width: number; height: number }> = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** A test file's app (`pnpm start`) and Chromium, started together, with the screenshots folder ready. */
export async function startAppAndBrowser(options: StartOptions = {}): Promise<[AppUnderTest, Browser]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return Promise.all([startApp(options), launchChromium()]);
}

/** The super admin every browser test bed bootstraps (see `browserTestBed`). */
export const ROOT_USERNAME = "root.admin";

export interface BrowserTestBed {
  /** The app (`pnpm start`) of the file, from its `beforeAll` on. */
  readonly app: AppUnderTest;
  readonly browser: Browser;
  /** The super admin's API client over HTTP. */
  readonly root: Awaited<ReturnType<typeof apiAs>>;
  /** A page in a context of its own (desktop size unless told), closed after the test. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}

/**
 * What a browser test file sets up around its tests: its app and Chromium (started together
 * before the first test, stopped after the last), the super admin bootstrapped (ROOT_USERNAME)
 * with an API client, and pages in contexts of their own that are closed after each test.
 */
export function browserTestBed({ rootPassword, ...options }: StartOptions & { rootPassword: string }): BrowserTestBed {
  let app: AppUnderTest | undefined;
  let browser: Browser | undefined;
  let root: BrowserTestBed["root"] | undefined;
  const contexts: BrowserContext[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The browser test bed is used before its beforeAll ran.");
    return value;
  };

  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser(options);
    await bootstrapSuperAdmin(app, ROOT_USERNAME, rootPassword);
    root = await apiAs(app, ROOT_USERNAME, rootPassword);
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  return {
    get app() {
      return ready(app);
    },
    get browser() {
      return ready(browser);
    },
    get root() {
      return ready(root);
    },
    newPage: async (contextOptions: BrowserContextOptions = {}) => {
      const context = await ready(browser).newContext({ viewport: VIEWPORT.desktop, ...contextOptions });
      contexts.push(context);
      return context.newPage();
    },
  };
}
