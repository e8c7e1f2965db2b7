// Test data through the product's own paths: the super admin through the operator's
// in-process caller (what the CLI's bootstrap-super-admin runs), everything else through
// the HTTP API as that admin.
import type { AppRouter } from "@gatehouse/api";
import { createGatehouse, loadConfig } from "@gatehouse/api/server";
import { createTRPCClient, httpLink } from "@trpc/client";

/** The pepper the test apps run with (app-under-test.ts); the in-process caller below needs the same. */
export const E2E_PEPPER = "an end-to-end test pepper of 32+ characters";

/** A running app, as the seeding needs it. */
interface SeededApp {
  url: string;
  databaseUrl: string;
}

export async function bootstrapSuperAdmin(app: SeededApp, username: string, password: string): Promise<void> {
  const gatehouse = createGatehouse(
    loadConfig({ DATABASE_URL: app.databaseUrl, PASSWORD_PEPPER: E2E_PEPPER, LOG_LEVEL: "silent" }),
  );
  try {
    await gatehouse.localCaller().system.bootstrapSuperAdmin({ username, password });
  } finally {
    await gatehouse.dispose();
  }
}

/** A typed API client logged in as `username`, sending the app's own Origin like its pages do. */
export async function apiAs(app: SeededApp, username: string, password: string) {
  let cookie = "";
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${app.url}/api/trpc`,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set("origin", app.url);
          if (cookie) headers.set("cookie", cookie);
          const response = await fetch(input, { ...init, headers });
          const set = response.headers.getSetCookie()[0];
          if (set) cookie = set.split(";")[0]!;
          return response;
        },
      }),
    ],
  });
  await client.account.logIn.mutate({ username, password });
  return client;
}
