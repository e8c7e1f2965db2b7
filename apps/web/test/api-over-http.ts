// Raw HTTP calls to a running app's API, for tests that must set headers a typed client
// would not (a forged X-Forwarded-For, a malformed cookie) or read the answer as sent.

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (a batch answers an array). */
  body: unknown;
  /** "ok", or the error's appCode. */
  outcome: string;
  /** The session cookie's `name=value`, when the answer set one. */
  sessionCookie: string | null;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  const appCode = (body as { error?: { data?: { appCode?: string } } } | null)?.error?.data?.appCode;
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .find((pair) => /gatehouse_session=./.test(pair));
  return {
    status: response.status,
    headers: response.headers,
    body,
    outcome: appCode ?? "ok",
    sessionCookie: session ?? null,
  };
}

/** The API of the app at `baseUrl`, as a client that is not a browser (no Origin). */
export function apiAt(baseUrl: string) {
  const url = (path: string) => `${baseUrl}/api/trpc/${path}`;
  return {
    query: async (path: string, input?: unknown, headers: Record<string, string> = {}) =>
      answerOf(
        await fetch(
          input === undefined ? url(path) : `${url(path)}?input=${encodeURIComponent(JSON.stringify(input))}`,
          {
            headers,
          },
        ),
      ),
    mutate: async (path: string, input?: unknown, headers: Record<string, string> = {}) =>
      answerOf(
        await fetch(url(path), {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: input === undefined ? undefined : JSON.stringify(input),
        }),
      ),
    /** One batched request of several calls of one kind: the calls' inputs, by position. */
    batch: async (
      kind: "query" | "mutation",
      calls: Array<[path: string, input?: unknown]>,
      headers: Record<string, string> = {},
    ) => {
      const inputs = Object.fromEntries(calls.map(([, input], index) => [index, input ?? null]));
      const paths = calls.map(([path]) => path).join(",");
      const response =
        kind === "query"
          ? await fetch(`${url(paths)}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, { headers })
          : await fetch(`${url(paths)}?batch=1`, {
              method: "POST",
              headers: { "content-type": "application/json", ...headers },
              body: JSON.stringify(inputs),
            });
      return answerOf(response);
    },
  };
}

export type Api = ReturnType<typeof apiAt>;

/** The outcome of each call of a batch's answer: "ok" or its appCode. */
export function batchOutcomes(answer: Answer): string[] {
  return (answer.body as Array<{ error?: { data?: { appCode?: string } } }>).map(
    (item) => item.error?.data?.appCode ?? "ok",
  );
}
