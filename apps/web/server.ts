// Gatehouse's one process, one port: `pnpm start` (and `pnpm dev --dev`) run this file.
// The API is served by the front door at Node speed; every other path goes to Next.js
// through its documented custom-server API. In order, nothing listening before the last:
//   1. read and check the whole configuration, printing every problem at once;
//   2. apply the database migrations;
//   3. build Gatehouse, check that the pepper is the database's, and hand Gatehouse to the
//      pages' server code (in process);
//   4. prepare Next.js, then listen.
import { createRequire } from "node:module";
import type createNextServer from "next";
import {
  ConfigError,
  createGatehouse,
  loadConfig,
  lowerHelperThreadPriority,
  migrateDatabase,
  PepperMismatchError,
  serveGatehouse,
  stopOnSignals,
  type Config,
} from "@gatehouse/api/server";
import { provideGatehouse } from "./src/server/gatehouse";

// `next` is CommonJS; its default export is the custom-server factory.
const next = createRequire(import.meta.url)("next") as typeof createNextServer;

const development = process.argv.includes("--dev");

function fail(message: string): never {
  console.error(`Gatehouse cannot start. ${message}`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const config = readConfig();
for (const warning of config.warnings) console.warn(`Warning: ${warning}`);

await migrateDatabase(config.databaseUrl).catch((error: Error) => fail(error.message));

// The event loop first: hashing and other helper threads yield the CPU to it under a flood
// (see lowerHelperThreadPriority).
await lowerHelperThreadPriority();

const gatehouse = createGatehouse(config);
await gatehouse
  .verifyPepper()
  .catch((error: Error) => (error instanceof PepperMismatchError ? fail(error.message) : Promise.reject(error)));
provideGatehouse(gatehouse);

const pages = next({ dev: development, dir: import.meta.dirname, port: config.port, hostname: "localhost" });
await pages.prepare();
// (In development, Next.js attaches its hot-reload websocket to this server on the first request.)
const { graceful } = await serveGatehouse(gatehouse, {
  port: config.port,
  pages: pages.getRequestHandler(),
  development,
}).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === "EADDRINUSE" ? `PORT: ${config.port} is already in use.` : error.message),
);
const listening = gatehouse.container.config; // its port and origin as bound (PORT=0: the OS's choice)
const localUrl = `http://localhost:${listening.port}`;
console.log(
  `Gatehouse is ready at ${listening.appOrigin}${listening.appOrigin === localUrl ? "" : `, listening on ${localUrl}`}` +
    ` (${development ? "development" : "production"}, ${describeDatabase(config.databaseUrl)}).`,
);

function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return `SQLite ${url.slice("file:".length)}`;
  const { hostname, port, pathname } = new URL(url);
  return `PostgreSQL ${hostname}:${port || 5432}${pathname}`;
}

// SIGTERM / SIGINT: stop taking connections, let the requests in flight finish within
// SHUTDOWN_GRACE_MS (without the keep-alive race, see gracefulShutdown), close the pools, exit 0.
stopOnSignals(graceful, { graceMs: config.shutdownGraceMs, dispose: () => gatehouse.dispose() });
