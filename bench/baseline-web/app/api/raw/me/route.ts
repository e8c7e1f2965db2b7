// P1 baseline (a): Gatehouse's `account.me` written by hand as a plain Next.js route handler,
// against Gatehouse's own SQLite file (GATEHOUSE_DATABASE_URL). The work is in
// lib/gatehouse-me.ts, shared with the bare node:http baseline.
import { createGatehouseMe, sqlitePath } from "../../../../lib/gatehouse-me";

export const dynamic = "force-dynamic";

let me: ReturnType<typeof createGatehouseMe> | undefined;

export function GET(request: Request): Response {
  me ??= createGatehouseMe({
    databasePath: sqlitePath(process.env.GATEHOUSE_DATABASE_URL ?? ""),
    idleTtlSeconds: process.env.SESSION_IDLE_TTL ? Number(process.env.SESSION_IDLE_TTL) : undefined,
    maxTtlSeconds: process.env.SESSION_MAX_TTL ? Number(process.env.SESSION_MAX_TTL) : undefined,
  });
  const result = me(request.headers.get("cookie"));
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  if (result.setCookie) headers.append("set-cookie", result.setCookie);
  return new Response(result.body, { status: result.status, headers });
}
