import type { Clock } from "@gatehouse/core";

/**
 * A Clock for tests that follows the system's time until the test moves it forward: then it
 * reads the system's time plus every step taken. A test that must see a throttle window end
 * calls `advance(windowMs)` instead of sleeping through the window, so the outcome depends on
 * counts, never on how fast a loaded machine runs. It never goes backwards, and what it does
 * not skip still passes as real time does (timestamps stay ordered).
 */
export class TestClock implements Clock {
  #skippedMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#skippedMs);
  }

  /** Moves the clock forward by `ms` milliseconds, at once. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a TestClock only moves forward, not by ${ms} ms`);
    this.#skippedMs += ms;
  }
}
