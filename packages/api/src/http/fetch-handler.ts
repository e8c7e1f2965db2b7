import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AppContainer } from "../composition/app-container";
import { appRouter } from "../routers/app.router";
import { createContext } from "../trpc/context";
import { API_ENDPOINT } from "./api-endpoint";
import { limitRequestBody } from "./body-limit";

export { API_ENDPOINT };

/**
 * `(Request, connection?) => Promise<Response>` serving the public API under `/api/trpc`.
 * Pass the TCP peer's address when the server knows it (see resolveClientIp). Bodies are
 * capped at MAX_BODY_BYTES while they stream in (see limitRequestBody).
 */
export function createFetchHandler(container: AppContainer) {
  return async (request: Request, connection: { remoteAddress?: string } = {}): Promise<Response> => {
    const response = await fetchRequestHandler({
      endpoint: API_ENDPOINT,
      req: limitRequestBody(request, container.config.maxBodyBytes),
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
    // Early refusals (e.g. 415) come as text/plain, the default for a string body; every answer of ours is JSON.
    if (response.status !== 204 && !/json/.test(response.headers.get("content-type") ?? "")) {
      response.headers.set("content-type", "application/json");
    }
    return response;
  };
}
