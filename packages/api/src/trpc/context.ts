import { randomUUID } from "node:crypto";
import type { AppContainer, RequestScope } from "../composition/app-container";
import type { Logger } from "../logging/logger";

export interface Context {
  requestId: string;
  /** The browser's `Origin` header, if any: checked on every mutation. */
  origin: string | null;
  /** `Sec-Fetch-Site`, consulted when a browser sends no `Origin`. */
  fetchSite: string | null;
  allowedOrigins: ReadonlySet<string>;
  logger: Logger;
  scope: RequestScope;
}

/**
 * Builds a request's context from its headers. `setCookie` receives each `Set-Cookie`
 * value the request produces (a no-op where a response cannot carry cookies).
 */
export function createContext(
  container: AppContainer,
  headers: Headers,
  setCookie: (serializedCookie: string) => void,
): Context {
  return {
    requestId: randomUUID(),
    origin: headers.get("origin"),
    fetchSite: headers.get("sec-fetch-site"),
    allowedOrigins: container.config.allowedOrigins,
    logger: container.logger,
    scope: container.requestScope({ header: headers.get("cookie"), set: setCookie }),
  };
}
