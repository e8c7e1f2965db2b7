import "server-only";
import { createGatehouse, type Gatehouse } from "@gatehouse/api/server";

// One Gatehouse per server process, built on first use (never at build time). Kept on
// globalThis so that hot reload in `next dev` does not open a new database connection
// for every edit.
const holder = globalThis as typeof globalThis & { __gatehouse?: Gatehouse };

export function getGatehouse(): Gatehouse {
  holder.__gatehouse ??= createGatehouse();
  return holder.__gatehouse;
}
