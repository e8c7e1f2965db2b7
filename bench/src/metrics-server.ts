// One Gatehouse API server (no pages) for the metrics-cost bench (P8), in a process of its own
// so that the load generator does not share its event loop: recording metrics or not
// (BENCH_METRICS=on|off), on the DATABASE_URL and METRICS_TOKEN it is given. It migrates the
// database, serves on a free port of 127.0.0.1, and prints that URL as its one line of stdout.
import { createGatehouse, createLogger, loadConfig, migrateDatabase, serveGatehouse } from "@gatehouse/api/server";

const config = loadConfig();
await migrateDatabase(config.databaseUrl);
const gatehouse = createGatehouse(config, createLogger(config.logLevel), {
  metrics: process.env.BENCH_METRICS === "on",
});
const server = await serveGatehouse(gatehouse, { host: "127.0.0.1" });
process.stdout.write(`${server.url}\n`);
process.once("SIGTERM", () => {
  void server
    .close()
    .then(() => gatehouse.dispose())
    .finally(() => process.exit(0));
});
