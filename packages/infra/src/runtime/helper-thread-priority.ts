import { randomFill } from "node:crypto";
import { readdirSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Runs this process's helper threads (libuv's pool, where Argon2id hashes, and V8's) at a
 * lower CPU priority than the event loop. A log-in flood then slows hashing down instead of
 * starving the thread that answers every request: on a 2-core machine under 4x the hasher's
 * capacity, requests left unanswered after 30 s fell from 876 to none (`pnpm bench`, P4).
 * When the machine is not saturated nothing changes: idle cores still run the hashes.
 *
 * Linux only (each thread has its own nice value there); elsewhere, or without /proc,
 * a no-op. Returns how many threads it lowered.
 */
export async function lowerHelperThreadPriority(niceness = 10): Promise<number> {
  if (process.platform !== "linux") return 0;
  // libuv starts its pool on first use: use it once, so its threads exist to be lowered.
  await new Promise((resolve) => randomFill(new Uint8Array(1), resolve));
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const task of tasks) {
    const threadId = Number(task);
    if (threadId === process.pid) continue; // the main thread: the event loop
    try {
      setPriority(threadId, niceness);
      lowered += 1;
    } catch {
      // a thread that has just exited, or a priority we may not set: leave it
    }
  }
  return lowered;
}
