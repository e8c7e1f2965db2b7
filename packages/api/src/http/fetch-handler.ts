import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AppContainer } from "../composition/app-container";
import { appRouter } from "../routers/app.router";
import { createContext } from "../trpc/context";
import { API_ENDPOINT } from "./api-endpoint";

export { API_ENDPOINT };

/** `(Request) => Promise<Response>` serving the whole API under `/api/trpc`. */
export function createFetchHandler(container: AppContainer) {
  return (request: Request): Promise<Response> =>
    fetchRequestHandler({
      endpoint: API_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: ({ req, resHeaders }) =>
        createContext(container, req.headers, (cookie) => resHeaders.append("set-cookie", cookie)),
      responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
      onError({ error, path, ctx }) {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        container.logger.error("unexpected error", {
          requestId: ctx?.requestId,
          path,
          error: error.cause?.stack ?? error.stack,
        });
      },
    });
}
