import type { AppRouter } from "@gatehouse/api";
import { API_ENDPOINT } from "@gatehouse/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { CliError, describeNetworkError, EXIT } from "./errors";
import { readSession } from "./session-store";

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

/** What the server says when a key is refused; its own "not logged in" would send people to `login`. */
export const INVALID_API_KEY =
  "The API key is not valid (unknown, revoked, expired, or its owner deactivated). Make a new one, or unset GATEHOUSE_API_KEY and log in.";

/**
 * A typed client of a Gatehouse server. It keeps the cookies the server sets (and renews) in
 * `cookie`, as the `cookie` header sends them back; the CLI is not a browser, so it sends no
 * Origin header. With `apiKey` it sends `Authorization: Bearer <key>` and no cookie instead.
 */
export function remoteClient(url: string, cookie = "", apiKey?: string) {
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
          if (apiKey) headers.set("authorization", `Bearer ${apiKey}`);
          else if (state.cookie) headers.set("cookie", state.cookie);
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
          // With a key, every 401 is the key refused (a request with a key has no session to lack).
          if (apiKey && response.status === 401)
            throw new CliError(`${INVALID_API_KEY} (NOT_AUTHENTICATED)`, EXIT.refused);
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

/**
 * The client the remote commands use: with GATEHOUSE_API_KEY set, one sending that key to
 * GATEHOUSE_URL (no log-in, no stored session); else the one of the server `gatehouse login`
 * logged in to.
 */
export function loggedInClient(): { client: ReturnType<typeof remoteClient>["client"] } {
  const apiKey = process.env.GATEHOUSE_API_KEY;
  if (apiKey) {
    const url = process.env.GATEHOUSE_URL;
    if (!url || !isServerUrl(url)) {
      throw new CliError(
        "GATEHOUSE_API_KEY is set: set GATEHOUSE_URL to the server too, e.g. GATEHOUSE_URL=http://localhost:3000",
        EXIT.usage,
      );
    }
    return { client: remoteClient(url, "", apiKey).client };
  }
  const session = readSession();
  if (!session) {
    throw new CliError("Not logged in. Run: gatehouse login --url URL --username NAME", EXIT.refused);
  }
  return { client: remoteClient(session.url, session.cookie).client };
}

/** An http:// or https:// URL, as the fetch API takes it ("localhost:3000" would read as a scheme). */
export function isServerUrl(value: string): boolean {
  const url = URL.canParse(value) ? new URL(value) : null;
  return url?.protocol === "http:" || url?.protocol === "https:";
}
