// Serves the real API (real composition root, real database) through the real front door
// (createGatehouseServer, what `pnpm start` serves, minus the pages) on an ephemeral port,
// and talks to it like a browser: a real @trpc/client with a cookie jar.
import { createPrismaClient, type PrismaClient } from "@gatehouse/infra";
import { createTestDatabase, TestClock, type TestDatabase } from "@gatehouse/infra/testing";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppErrorData, AppRouter } from "../src/index";
import { createGatehouse, createLogger, loadConfig, serveGatehouse, type Gatehouse } from "../src/server";

export type Provider = "sqlite" | "postgresql";

export interface Harness {
  url: string;
  database: TestDatabase;
  gatehouse: Gatehouse;
  /**
   * The app's clock (throttle windows, audit times): the system's time until a test moves it
   * forward, e.g. past a throttle window instead of sleeping through it.
   */
  clock: TestClock;
  /** Every log line the server wrote, as parsed JSON. */
  logs: Array<Record<string, unknown>>;
  /** A new "browser": its own cookie jar, sending `Origin` like a browser would. */
  browser(options?: { origin?: string | null; forwardedFor?: string }): Browser;
  /** A browser logged in as this user. */
  loggedIn(username: string, password?: string): Promise<Browser>;
  /** The super admin, made through the operator's in-process path (as the CLI does). */
  bootstrapSuperAdmin(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface Browser {
  client: ReturnType<typeof createTRPCClient<AppRouter>>;
  cookies: Map<string, string>;
  /** Every `Set-Cookie` header received, as sent. */
  setCookieHeaders: string[];
  fetch: typeof fetch;
}

export const PASSWORD = "correct horse battery";

/** Budgets high enough that ordinary tests never trip the throttle. */
const RELAXED_THROTTLE = {
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
  LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
  SIGNUP_MAX_PER_IP: "100000",
};

/**
 * `databaseOrProvider`: a provider (a fresh test database of that kind is made, and dropped on close),
 * or a database the caller made and owns (its `remove` runs on close).
 */
export async function startHarness(
  env: Record<string, string> = {},
  databaseOrProvider: Provider | TestDatabase = "sqlite",
  /** "defaults": the throttle budgets a deployment gets when it sets none (no relaxed budgets). */
  { budgets = "relaxed" }: { budgets?: "relaxed" | "defaults" } = {},
): Promise<Harness> {
  const database =
    typeof databaseOrProvider === "string" ? await createTestDatabase(databaseOrProvider) : databaseOrProvider;
  const logs: Array<Record<string, unknown>> = [];
  const clock = new TestClock();
  let gatehouse: Gatehouse | undefined;
  let server: Awaited<ReturnType<typeof serveGatehouse>>;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({
      DATABASE_URL: database.url,
      PASSWORD_PEPPER: "a test pepper that is at least 32 characters",
      ...(budgets === "relaxed" ? RELAXED_THROTTLE : {}),
      ...env,
    });
    const logger = createLogger("debug", { write: (line: string) => void logs.push(JSON.parse(line)) });
    gatehouse = createGatehouse(config, logger, { clock });
    server = await serveGatehouse(gatehouse, { host: "127.0.0.1" });
  } catch (error) {
    // A start that fails (a bad variable, a port) leaves nothing behind: its database goes too.
    await gatehouse?.dispose().catch(() => undefined);
    await database.remove();
    throw error;
  }
  const running = gatehouse;
  const { url } = server;
  const appOrigin = config.appOrigin;

  function browser({
    origin = appOrigin,
    forwardedFor,
  }: { origin?: string | null; forwardedFor?: string } = {}): Browser {
    const cookies = new Map<string, string>();
    const setCookieHeaders: string[] = [];
    const browserFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      if (origin && (init?.method ?? "GET") !== "GET") headers.set("origin", origin);
      if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
      const response = await fetch(input, { ...init, headers });
      for (const header of response.headers.getSetCookie()) {
        setCookieHeaders.push(header);
        const [pair] = header.split(";");
        const [name, value] = pair!.split("=") as [string, string];
        if (value === "" || /Max-Age=0/i.test(header)) cookies.delete(name);
        else cookies.set(name, value);
      }
      return response;
    };
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${url}/api/trpc`, fetch: browserFetch })],
    });
    return { client, cookies, setCookieHeaders, fetch: browserFetch };
  }

  return {
    url,
    database,
    gatehouse: running,
    clock,
    logs,
    browser,
    async loggedIn(username, password = PASSWORD) {
      const session = browser();
      await session.client.account.logIn.mutate({ username, password });
      return session;
    },
    async bootstrapSuperAdmin(username = "root.admin", password = PASSWORD) {
      const { id } = await running.localCaller().system.bootstrapSuperAdmin({ username, password });
      return id;
    },
    async close() {
      try {
        await server.close();
        await running.dispose();
      } finally {
        await database.remove();
      }
    },
  };
}

/** The error a call failed with, as the client sees it. */
export async function failureOf(call: Promise<unknown>): Promise<{ message: string; data: AppErrorData }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return { message: error.message, data: error.data as AppErrorData };
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** "ok", or the appCode the call failed with. */
export function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "ok",
    (error: unknown) => {
      if (error instanceof TRPCClientError) return (error.data as AppErrorData).appCode;
      throw error;
    },
  );
}

/** One RFC 6238 time step. */
export const TOTP_STEP_MS = 30_000;

/**
 * The code an authenticator app shows for `secret` at the app's current time (a TestClock),
 * or `steps` later: the next step is a step of the clock, never a wait.
 */
export function codeAt(harness: Pick<Harness, "clock">, secret: string, steps = 0): string {
  const step = Math.floor(harness.clock.now().getTime() / TOTP_STEP_MS) + steps;
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

/** What most suites start from: a harness on a fresh database, that database's own client (to see what is kept), and the super admin, logged in. */
export interface Suite {
  harness: Harness;
  prisma: PrismaClient;
  rootId: string;
  root: Browser;
}

/** Starts a suite's server on `provider` (see Suite); `stopSuite` ends it, database included. */
export async function startSuite(provider: Provider, env: Record<string, string> = {}): Promise<Suite> {
  const harness = await startHarness(env, provider);
  const prisma = createPrismaClient(harness.database.url);
  const rootId = await harness.bootstrapSuperAdmin();
  const root = await harness.loggedIn("root.admin");
  return { harness, prisma, rootId, root };
}

/** Ends what `startSuite` started (whatever part of it did start). */
export async function stopSuite({ harness, prisma }: Partial<Suite>): Promise<void> {
  await prisma?.$disconnect();
  await harness?.close();
}

/** An admin made by the super admin, logged in. */
export async function newAdmin(
  { harness, root }: Pick<Suite, "harness" | "root">,
  name: string,
): Promise<{ id: string; browser: Browser }> {
  const { id } = await root.client.users.create.mutate({ username: name, password: PASSWORD, role: "admin" });
  return { id, browser: await harness.loggedIn(name) };
}
