import { randomUUID } from "node:crypto";
import type { AppContainer, RequestScope } from "../composition/app-container";
import { resolveClientIp } from "../http/client-ip";
import type { Logger } from "../logging/logger";

export interface Context {
  requestId: string;
  /** The browser's `Origin` header, if any: checked on every mutation. */
  origin: string | null;
  /** `Sec-Fetch-Site`, consulted when a browser sends no `Origin`. */
  fetchSite: string | null;
  allowedOrigins: ReadonlySet<string>;
  /** A logger that stamps every line with this request's id. */
  logger: Logger;
  scope: RequestScope;
}

export interface RequestOrigin {
  headers: Headers;
  /** `Set-Cookie` values the request produces go here (a no-op where none can be sent). */
  setCookie: (serializedCookie: string) => void;
  /** The TCP peer, when the server knows it. */
  remoteAddress?: string;
}

/** Builds a request's context: its id, its logger and its scope of use cases. */
export function createContext(container: AppContainer, { headers, setCookie, remoteAddress }: RequestOrigin): Context {
  const requestId = randomUUID();
  return {
    requestId,
    origin: headers.get("origin"),
    fetchSite: headers.get("sec-fetch-site"),
    allowedOrigins: container.config.allowedOrigins,
    logger: container.logger.child({ requestId }),
    scope: container.requestScope({
      cookies: { header: headers.get("cookie"), set: setCookie },
      clientIp: resolveClientIp(headers, remoteAddress, container.config.trustProxy),
      userAgent: headers.get("user-agent"),
      requestId,
    }),
  };
}
