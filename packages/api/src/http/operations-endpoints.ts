import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InternalError, MethodNotSupportedError, MetricsTokenRequiredError, NothingServedError } from "../api-errors";
import type { AppContainer } from "../composition/app-container";
import { bearerToken } from "../trpc/context";
import { errorEnvelope } from "./error-envelope";

/** Whether the front door sends a path (without its query string) here. */
export const isOperationsPath = (path: string): boolean => path === "/metrics" || path === "/livez";

const METHODS = new Set(["GET", "HEAD"]);

/**
 * Whether `presented` is `expected`, in time that does not depend on where they first
 * differ (nor on the length of the expected token): both are hashed first, and the hashes
 * compared with timingSafeEqual.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * `GET /livez` (liveness: the process answers; the database is not touched, so a database
 * outage does not get the process restarted) and `GET /metrics` (Prometheus text, only with
 * `Authorization: Bearer <METRICS_TOKEN>`; 404 when no token is configured). GET and HEAD
 * only. `headers`: every API answer's security headers.
 */
export function createOperationsEndpoints(container: AppContainer, headers: ReadonlyArray<readonly [string, string]>) {
  const answer = (res: ServerResponse, status: number, contentType: string, body: string, extra: string[] = []) =>
    void res
      .writeHead(status, [
        ...headers.flat(),
        "content-type",
        contentType,
        "cache-control",
        "no-store",
        "content-length",
        String(Buffer.byteLength(body)),
        ...extra,
      ])
      .end(body);
  const refuse = (res: ServerResponse, { status, body }: { status: number; body: string }, extra: string[] = []) =>
    answer(res, status, "application/json", body, extra);

  return async function handleOperations(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const { metricsToken } = container.config;
    const metrics = container.metrics;
    if (path === "/metrics" && (metricsToken === null || metrics === null)) {
      return refuse(res, errorEnvelope(new NothingServedError(path)));
    }
    if (!METHODS.has(req.method ?? "")) {
      return refuse(res, errorEnvelope(new MethodNotSupportedError(`Use GET (or HEAD) for ${path}.`)), [
        "allow",
        "GET, HEAD",
      ]);
    }
    if (path === "/livez") return answer(res, 200, "application/json", JSON.stringify({ status: "ok" }));

    const authorization = req.headers.authorization;
    if (authorization === undefined || !tokensMatch(bearerToken(authorization), metricsToken!)) {
      return refuse(res, errorEnvelope(new MetricsTokenRequiredError()), ["www-authenticate", "Bearer"]);
    }
    try {
      answer(res, 200, metrics!.registry.contentType, await metrics!.text());
    } catch (error) {
      container.logger.error({ err: error }, "could not collect the metrics");
      if (!res.headersSent) refuse(res, errorEnvelope(new InternalError()));
    }
  };
}
