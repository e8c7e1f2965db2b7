import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "./concurrency-limiter";

class Busy extends Error {}

/** A task that runs until `finish()` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => done, finish };
}

describe("ConcurrencyLimiter", () => {
  it("runs up to maxConcurrency at once, queues up to maxQueue, refuses the next at once", async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrency: 2, maxQueue: 1, maxWaitMs: 60_000 }, () => new Busy());
    const { task, finish } = gate();
    const started: number[] = [];
    const run = (n: number) => limiter.run(() => (started.push(n), task()));

    const running = [run(1), run(2), run(3)];
    await Promise.resolve();
    expect(started).toEqual([1, 2]); // the third waits in the queue

    const before = performance.now();
    await expect(run(4)).rejects.toBeInstanceOf(Busy); // queue full: refused without waiting
    expect(performance.now() - before).toBeLessThan(50);

    finish();
    await Promise.all(running);
    expect(started).toEqual([1, 2, 3]);
  });

  it("refuses a queued task whose wait runs out, and frees its place in the queue", async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrency: 1, maxQueue: 1, maxWaitMs: 20 }, () => new Busy());
    const { task, finish } = gate();
    const first = limiter.run(task);

    await expect(limiter.run(async () => "late")).rejects.toBeInstanceOf(Busy);
    const queuedAgain = limiter.run(async () => "next"); // the timed-out task left the queue
    finish();
    await first;
    expect(await queuedAgain).toBe("next");
  });

  it("releases the slot when a task fails", async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrency: 1, maxQueue: 0, maxWaitMs: 10 }, () => new Busy());
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => 42)).toBe(42);
  });
});
