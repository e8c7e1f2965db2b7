// Building Gatehouse here validates the configuration and opens the database at start-up,
// so a bad setting stops `pnpm start` with a clear message instead of failing the first
// request.
import { lowerHelperThreadPriority } from "@gatehouse/api/server";
import { getGatehouse } from "./server/gatehouse";

try {
  getGatehouse();
} catch (error) {
  if ((error as Error).name !== "ConfigError") throw error;
  console.error(`Gatehouse cannot start. ${(error as Error).message}`);
  process.exit(1);
}

// The event loop first: hashing and other helper threads yield the CPU to it under a flood
// (see lowerHelperThreadPriority).
await lowerHelperThreadPriority();
