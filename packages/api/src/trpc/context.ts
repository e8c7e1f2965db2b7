import { randomUUID } from "node:crypto";
import type { CookieJar } from "@gatehouse/infra";
import type { AppContainer, RequestScope } from "../composition/app-container";
import type { Logger } from "../logging/logger";

/** What every procedure call sees. `scope` is the call's own (see `withOwnScope` in init.ts). */
export interface Context {
  requestId: string;
  /** The browser's `Origin` header, if any: checked on every mutation. */
  origin: string | null;
  /** `Sec-Fetch-Site`, consulted when a browser sends no `Origin`. */
  fetchSite: string | null;
  allowedOrigins: ReadonlySet<string>;
  logger: Logger;
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
  return {
    requestId,
    origin: header("origin") ?? null,
    fetchSite: header("sec-fetch-site") ?? null,
    allowedOrigins: container.config.allowedOrigins,
    logger: container.logger,
    openScope: () => container.requestScope({ cookies, clientIp, userAgent, requestId }),
  };
}
