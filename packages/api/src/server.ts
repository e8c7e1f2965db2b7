// Server-side entry points: import from "@gatehouse/api/server" in server code only.
import { createAppContainer, type AppContainer } from "./composition/app-container";
import { loadConfig, type Config } from "./config";
import { createFetchHandler } from "./http/fetch-handler";
import { appRouter, localRouter } from "./routers/app.router";
import { createCallerFactory } from "./trpc/init";
import { createContext } from "./trpc/context";
import type { Logger } from "./logging/logger";

export { ConfigError, loadConfig, type Config } from "./config";
export { createAppContainer, type AppContainer } from "./composition/app-container";
export { API_ENDPOINT, createFetchHandler } from "./http/fetch-handler";
export { serveFetchHandler, type FetchHandler } from "./http/node-server";
export { appRouter, type LocalRouter } from "./routers/app.router";
export { createLogger, type Logger } from "./logging/logger";
export { lowerHelperThreadPriority } from "@gatehouse/infra";

const createCaller = createCallerFactory(appRouter);
const createLocalCaller = createCallerFactory(localRouter);

/** One running Gatehouse: its container, its HTTP handler, and in-process callers. */
export function createGatehouse(config: Config = loadConfig(), logger?: Logger) {
  const container: AppContainer = createAppContainer(config, logger);
  return {
    container,
    handleRequest: createFetchHandler(container),
    /** Calls procedures in-process as the owner of these request headers (cookies are read, never set). */
    callerFor: (headers: Headers) => createCaller(createContext(container, { headers, setCookie: () => {} })),
    /**
     * Calls procedures in process as the server's operator, including `system.*` (bootstrap
     * the super admin). The CLI's local commands use it; nothing reaches it over HTTP.
     */
    localCaller: () =>
      createLocalCaller(createContext(container, { headers: new Headers(), setCookie: () => {}, remoteAddress: "local" })),
    dispose: () => container.dispose(),
  };
}

export type Gatehouse = ReturnType<typeof createGatehouse>;
