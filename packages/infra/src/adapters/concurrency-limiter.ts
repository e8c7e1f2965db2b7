export interface ConcurrencyLimits {
  /** Tasks running at once. */
  maxConcurrency: number;
  /** Tasks allowed to wait for a slot; one more is refused at once, without waiting. */
  maxQueue: number;
  /** How long a queued task may wait for a slot before it is refused. */
  maxWaitMs: number;
}

/**
 * Runs at most `maxConcurrency` tasks at once, with a short bounded queue. Under overload a
 * task is refused with `onBusy()` immediately (queue full) or after `maxWaitMs` (no slot came
 * free), never left to join an ever-growing queue: a refusal in microseconds is better for
 * everyone than an answer after every client has given up.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limits: ConcurrencyLimits,
    private readonly onBusy: () => Error,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** `useCase`, each of whose runs waits for a slot here first. */
  admit<Request, Response>(useCase: {
    execute(request: Request): Promise<Response>;
  }): { execute(request: Request): Promise<Response> } {
    return { execute: (request) => this.run(() => useCase.execute(request)) };
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.maxConcurrency) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.maxQueue) return Promise.reject(this.onBusy());
    return new Promise((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        resolve(); // the slot is handed over by release(), so `active` stays the same
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        reject(this.onBusy());
      }, this.limits.maxWaitMs);
      this.waiting.push(start);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
