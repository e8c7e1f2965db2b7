import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AppContainer } from "../composition/app-container";
import { appRouter } from "../routers/app.router";
import { createContext } from "../trpc/context";
import { API_ENDPOINT } from "./api-endpoint";

export { API_ENDPOINT };

/**
 * `(Request, connection?) => Promise<Response>` serving the public API under `/api/trpc`.
 * Pass the TCP peer's address when the server knows it (see resolveClientIp).
 */
export function createFetchHandler(container: AppContainer) {
  return (request: Request, connection: { remoteAddress?: string } = {}): Promise<Response> =>
    fetchRequestHandler({
      endpoint: API_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: ({ req, resHeaders }) =>
        createContext(container, {
          headers: req.headers,
          setCookie: (cookie) => resHeaders.append("set-cookie", cookie),
          remoteAddress: connection.remoteAddress,
        }),
      responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
      onError({ error, path, ctx }) {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        container.logger.error(
          { requestId: ctx?.requestId, procedure: path, err: error.cause ?? error },
          "unexpected error",
        );
      },
    });
}
