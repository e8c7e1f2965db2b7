export interface ConcurrencyLimits {
  /** Tasks running at once. */
  maxConcurrency: number;
  /** Tasks allowed to wait for a slot; one more is refused at once, without waiting. */
  maxQueue: number;
  /** How long a queued task may wait for a slot before it is refused. */
  maxWaitMs: number;
}

/** A limiter's state at one moment, for metrics: read at scrape time, never pushed. */
export interface ConcurrencyReading {
  /** Tasks running now. */
  active: number;
  /** Tasks waiting for a slot now. */
  waiting: number;
  /** Tasks refused since start (queue full or waited too long). */
  refused: number;
  maxConcurrency: number;
}

/**
 * Runs at most `maxConcurrency` tasks at once, with a short bounded queue. Under overload a
 * task is refused with `onBusy()` immediately (queue full) or after `maxWaitMs` (no slot came
 * free), never left to join an ever-growing queue: a refusal in microseconds is better for
 * everyone than an answer after every client has given up.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private refused = 0;
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

  reading(): ConcurrencyReading {
    const { active, refused, waiting } = this;
    return { active, waiting: waiting.length, refused, maxConcurrency: this.limits.maxConcurrency };
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
    if (this.waiting.length >= this.limits.maxQueue) return Promise.reject(this.refuse());
    return new Promise((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        resolve(); // the slot is handed over by release(), so `active` stays the same
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(start), 1);
        reject(this.refuse());
      }, this.limits.maxWaitMs);
      this.waiting.push(start);
    });
  }

  private refuse(): Error {
    this.refused += 1;
    return this.onBusy();
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
