// Server-side entry points: import from "@gatehouse/api/server" in server code only.
import { createAppContainer, type AppContainer } from "./composition/app-container";
import { loadConfig, type Config } from "./config";
import { createFetchHandler } from "./http/fetch-handler";
import { appRouter } from "./routers/app.router";
import { createCallerFactory } from "./trpc/init";
import { createContext } from "./trpc/context";

export { ConfigError, loadConfig, type Config } from "./config";
export { createAppContainer, type AppContainer } from "./composition/app-container";
export { API_ENDPOINT, createFetchHandler } from "./http/fetch-handler";
export { serveFetchHandler, type FetchHandler } from "./http/node-server";
export { appRouter } from "./routers/app.router";

const createCaller = createCallerFactory(appRouter);

/** One running Gatehouse: its container, its HTTP handler, and in-process callers. */
export function createGatehouse(config: Config = loadConfig()) {
  const container: AppContainer = createAppContainer(config);
  return {
    container,
    handleRequest: createFetchHandler(container),
    /** Calls procedures in-process as the owner of these request headers (cookies are read, never set). */
    callerFor: (headers: Headers) => createCaller(createContext(container, headers, () => {})),
    dispose: () => container.dispose(),
  };
}

export type Gatehouse = ReturnType<typeof createGatehouse>;
