import type { Gatehouse } from "@gatehouse/api/server";

// The server (server.ts) builds the one Gatehouse of the process and provides it here; the
// pages' server code reaches it in process. The two are separate module graphs (server.ts
// runs from source, the pages from Next.js's build), so the hand-over is a global slot.
const SLOT = Symbol.for("gatehouse.running");
const slot = globalThis as typeof globalThis & { [SLOT]?: Gatehouse };

/** Called once by server.ts at start-up. */
export function provideGatehouse(gatehouse: Gatehouse): void {
  slot[SLOT] = gatehouse;
}

/** The running Gatehouse, for server components. */
export function getGatehouse(): Gatehouse {
  const gatehouse = slot[SLOT];
  if (!gatehouse)
    throw new Error("Gatehouse is not running in this process: start the app with `pnpm start` or `pnpm dev`.");
  return gatehouse;
}
