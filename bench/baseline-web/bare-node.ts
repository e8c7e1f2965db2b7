// P1 baseline (b): the same work as app/api/raw/me (lib/gatehouse-me.ts) on a bare node:http
// server, the ceiling of the machine. Run as its own process by bench/src/read-load.ts:
//   node --import tsx bare-node.ts   (PORT, GATEHOUSE_DATABASE_URL)
import { createServer } from "node:http";
import { createGatehouseMe, sqlitePath } from "./lib/gatehouse-me";

const me = createGatehouseMe({
  databasePath: sqlitePath(process.env.GATEHOUSE_DATABASE_URL ?? ""),
  idleTtlSeconds: process.env.SESSION_IDLE_TTL ? Number(process.env.SESSION_IDLE_TTL) : undefined,
  maxTtlSeconds: process.env.SESSION_MAX_TTL ? Number(process.env.SESSION_MAX_TTL) : undefined,
});

const server = createServer((request, response) => {
  const path = request.url?.split("?")[0];
  if (request.method !== "GET" || path !== "/api/raw/me") {
    response.writeHead(path === "/health" ? 200 : 404).end();
    return;
  }
  const result = me(request.headers.cookie);
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
  if (result.setCookie) headers["set-cookie"] = result.setCookie;
  response.writeHead(result.status, headers).end(result.body);
});

server.listen(Number(process.env.PORT ?? 3200), "127.0.0.1");
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
