// Server-side entry points: import from "@gatehouse/api/server" in server code only.
import { createAppContainer, type AppContainer, type AppContainerOptions } from "./composition/app-container";
import { discardGeneratedPepper, loadConfig, type Config } from "./config";
import { RequestCookies } from "./http/cookies";
import { appRouter, localRouter } from "./routers/app.router";
import { createContext } from "./trpc/context";
import { createCallerFactory } from "./trpc/init";
import type { Logger } from "./logging/logger";
import { PepperMismatchError } from "@gatehouse/infra";

export { ConfigError, loadConfig, type Config } from "./config";
export { createAppContainer, type AppContainer, type AppContainerOptions } from "./composition/app-container";
export { API_ENDPOINT, MAX_BATCH_CALLS } from "./http/api-endpoint";
export {
  createGatehouseServer,
  serveGatehouse,
  type FrontDoorOptions,
  type PageHandler,
  type RunningServer,
} from "./http/front-door";
export { gracefulShutdown, stopOnSignals, type GracefulStop, type StopReport } from "./http/graceful-shutdown";
export { appRouter, type LocalRouter } from "./routers/app.router";
export { createLogger, type Logger } from "./logging/logger";
export { lowerHelperThreadPriority, migrateDatabase, PepperMismatchError } from "@gatehouse/infra";

const createCaller = createCallerFactory(appRouter);
const createLocalCaller = createCallerFactory(localRouter);

/** One running Gatehouse: its container and in-process callers (serve it with createGatehouseServer). */
export function createGatehouse(config: Config = loadConfig(), logger?: Logger, options?: AppContainerOptions) {
  const container: AppContainer = createAppContainer(config, logger, options);
  return {
    container,
    /**
     * Calls procedures in process as the owner of these request headers (cookies are read,
     * never set): what the web app's server components do. They only read, so no client
     * address is recorded for them.
     */
    callerFor: (headers: Headers) =>
      createCaller(
        createContext(container, {
          header: (name) => headers.get(name),
          cookies: new RequestCookies(headers.get("cookie")),
          clientIp: null,
        }),
      ),
    /**
     * Calls procedures in process as the server's operator, including `system.*` (bootstrap
     * the super admin). The CLI's local commands use it; nothing reaches it over HTTP.
     */
    localCaller: () =>
      createLocalCaller(
        createContext(container, { header: () => null, cookies: new RequestCookies(null), clientIp: null }),
      ),
    /**
     * Before serving: the pepper must be the one the database's passwords were made with
     * (PepperMismatchError otherwise). A pepper generated just now for a database that
     * already has users is discarded, never kept.
     */
    async verifyPepper(): Promise<void> {
      try {
        await container.checkPepper();
      } catch (error) {
        if (error instanceof PepperMismatchError) discardGeneratedPepper(config);
        throw error;
      }
    },
    dispose: () => container.dispose(),
  };
}

export type Gatehouse = ReturnType<typeof createGatehouse>;
