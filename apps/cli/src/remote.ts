import type { AppRouter } from "@gatehouse/api";
import { API_ENDPOINT } from "@gatehouse/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { CliError, describeNetworkError, EXIT } from "./errors";
import { readSession, type StoredSession } from "./session-store";

/**
 * The `cookie` header after an answer's Set-Cookie headers, each setting, replacing or (empty,
 * or Max-Age=0) removing one cookie by name. A log-in with two-factor sets a challenge cookie
 * first and the session cookie later, possibly clearing the challenge in the same answer: all
 * of them count, in any order.
 */
function withSetCookies(header: string, setCookies: string[]): string {
  const jar = new Map(header ? header.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair]) : []);
  for (const setCookie of setCookies) {
    const [pair = "", ...attributes] = setCookie.split(";");
    const equals = pair.indexOf("=");
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const cleared = value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
    if (cleared) jar.delete(name);
    else jar.set(name, `${name}=${value}`);
  }
  return [...jar.values()].join("; ");
}

/**
 * A typed client of a Gatehouse server. It keeps the cookies the server sets (and renews) in
 * `cookie`, as the `cookie` header sends them back; the CLI is not a browser, so it sends no
 * Origin header.
 */
export function remoteClient(url: string, cookie = "") {
  const state = { cookie };
  const endpoint = new URL(API_ENDPOINT, url);
  /** What a failure names: where the CLI tried to go (the endpoint's path is always the API's). */
  const unreachable = (why: string) =>
    new CliError(`Cannot reach the server at ${endpoint.origin}: ${why}`, EXIT.unreachable);
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: endpoint.toString(),
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          if (state.cookie) headers.set("cookie", state.cookie);
          let response: Response;
          let body: string;
          try {
            response = await fetch(input, { ...init, headers });
            // Read here, so that a connection lost mid-answer is reported like one never made.
            body = await response.text();
          } catch (error) {
            throw unreachable(describeNetworkError(error));
          }
          // Every answer of Gatehouse's API is JSON; anything else is another server (a proxy's
          // error page, a web server on the wrong port).
          const type = response.headers.get("content-type") ?? "";
          if (!type.startsWith("application/json")) {
            throw unreachable(
              `it answered HTTP ${response.status} with ${type || "no content type"}, which is not Gatehouse's API`,
            );
          }
          state.cookie = withSetCookies(state.cookie, response.headers.getSetCookie());
          return new Response(body, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          });
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
