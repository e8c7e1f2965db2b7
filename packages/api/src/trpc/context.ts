import { randomUUID } from "node:crypto";
import type { CookieJar } from "@gatehouse/infra";
import type { AppContainer, RequestScope } from "../composition/app-container";
import type { Logger } from "../logging/logger";
import type { MetricsRecorder } from "../metrics/metrics";

/** What every procedure call sees. `scope` is the call's own (see `withOwnScope` in init.ts). */
export interface Context {
  requestId: string;
  /** The browser's `Origin` header, if any: checked on every mutation. */
  origin: string | null;
  /** `Sec-Fetch-Site`, consulted when a browser sends no `Origin`. */
  fetchSite: string | null;
  allowedOrigins: ReadonlySet<string>;
  /** The request came with `Authorization` (an API key): no cookie counts, no Origin is needed. */
  viaApiKey: boolean;
  logger: Logger;
  /** The server's DATABASE_URL: for the operator's procedures (system.backupDatabase), never sent out. */
  databaseUrl: string;
  /** Where each call's procedure, outcome and duration are counted. */
  metrics: MetricsRecorder;
  /** A new scope of use cases for one call: each call of a batch gets its own unit of work. */
  openScope(): RequestScope;
}

/** What the server knows of one request. */
export interface RequestOrigin {
  /** One request header by its lower-case name. */
  header: (name: string) => string | null | undefined;
  /** The request's cookies, and where the response's go. */
  cookies: CookieJar;
  /** The client's validated address (see http/client-address.ts); null in process. */
  clientIp: string | null;
}

/** Builds a request's context: its id and how to open a scope for each of its calls. */
export function createContext(container: AppContainer, { header, cookies, clientIp }: RequestOrigin): Context {
  const requestId = randomUUID();
  const userAgent = header("user-agent") ?? null;
  const authorization = header("authorization");
  // With a key, the key alone says who calls: the request's cookies are not read.
  const apiKey = authorization == null ? null : container.apiKeyCaller(bearerToken(authorization), clientIp);
  const jar = apiKey ? withoutIncoming(cookies) : cookies;
  return {
    requestId,
    origin: header("origin") ?? null,
    fetchSite: header("sec-fetch-site") ?? null,
    allowedOrigins: container.config.allowedOrigins,
    viaApiKey: apiKey !== null,
    logger: container.logger,
    databaseUrl: container.config.databaseUrl,
    metrics: container.recorder,
    openScope: () => container.requestScope({ cookies: jar, clientIp, userAgent, requestId, apiKey }),
  };
}

/** The token of `Bearer <token>`; "" for any other form (which then is no key, NOT_AUTHENTICATED). */
export function bearerToken(authorization: string): string {
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  return match?.[1] ?? "";
}

/** The same jar, reading no incoming cookie (the response's still go out). */
function withoutIncoming(cookies: CookieJar): CookieJar {
  return { get: () => null, set: (cookie) => cookies.set(cookie) };
}
