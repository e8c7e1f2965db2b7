// Serves the real API (real composition root, real SQLite file) on an ephemeral port and
// talks to it like a browser: a real @trpc/client with a cookie jar.
import { createTestDatabase, type TestDatabase } from "@gatehouse/infra/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppErrorData, AppRouter } from "../src/index";
import { createGatehouse, loadConfig, serveFetchHandler } from "../src/server";

export interface Harness {
  url: string;
  database: TestDatabase;
  /** A new "browser": its own cookie jar, sending `Origin` like a browser would. */
  browser(options?: { origin?: string | null }): Browser;
  close(): Promise<void>;
}

export interface Browser {
  client: ReturnType<typeof createTRPCClient<AppRouter>>;
  cookies: Map<string, string>;
  /** Every `Set-Cookie` header received, as sent. */
  setCookieHeaders: string[];
  fetch: typeof fetch;
}

export async function startHarness(
  env: Record<string, string> = {},
  provider: "sqlite" | "postgresql" = "sqlite",
): Promise<Harness> {
  const database = await createTestDatabase(provider);
  const gatehouse = createGatehouse(
    loadConfig({
      DATABASE_URL: database.url,
      PASSWORD_PEPPER: "a test pepper that is at least 32 characters",
      LOG_LEVEL: "silent",
      ...env,
    }),
  );
  // The origin is only known once listening; browsers of the harness claim the app's origin.
  const server = await serveFetchHandler(gatehouse.handleRequest);
  const appOrigin = gatehouse.container.config.appOrigin;

  return {
    url: server.url,
    database,
    browser({ origin = appOrigin } = {}) {
      const cookies = new Map<string, string>();
      const setCookieHeaders: string[] = [];
      const browserFetch: typeof fetch = async (input, init) => {
        const headers = new Headers(init?.headers);
        if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
        if (origin && (init?.method ?? "GET") !== "GET") headers.set("origin", origin);
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
        links: [httpLink({ url: `${server.url}/api/trpc`, fetch: browserFetch })],
      });
      return { client, cookies, setCookieHeaders, fetch: browserFetch };
    },
    async close() {
      await server.close();
      await gatehouse.dispose();
      await database.remove();
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
