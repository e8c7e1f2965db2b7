import type { AppRouter } from "@gatehouse/api";
import { API_ENDPOINT } from "@gatehouse/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { CliError, EXIT } from "./errors";
import { readSession, type StoredSession } from "./session-store";

/**
 * A typed client of a Gatehouse server. It keeps the session cookie the server sets (and
 * renews) in `cookie`; the CLI is not a browser, so it sends no Origin header.
 */
export function remoteClient(url: string, cookie = "") {
  const state = { cookie };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL(API_ENDPOINT, url).toString(),
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          if (state.cookie) headers.set("cookie", state.cookie);
          const response = await fetch(input, { ...init, headers });
          for (const header of response.headers.getSetCookie()) {
            const [pair] = header.split(";");
            state.cookie = /=;|=$|Max-Age=0/i.test(header) ? "" : pair!;
          }
          return response;
        },
      }),
    ],
  });
  return { client, state };
}

/** The client of the server `gatehouse login` logged in to. */
export function loggedInClient(): { client: ReturnType<typeof remoteClient>["client"]; session: StoredSession } {
  const session = readSession();
  if (!session) {
    throw new CliError("Not logged in. Run: gatehouse login --url URL --username NAME", EXIT.refused);
  }
  return { client: remoteClient(session.url, session.cookie).client, session };
}
