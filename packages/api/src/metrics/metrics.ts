import type { ConcurrencyReading, PoolStats, ThrottleBudgetName } from "@gatehouse/infra";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the metrics read at scrape time: plain readings from infra, no prom-client there. */
export interface MetricSources {
  hasher: { readings(): Record<"hashing" | "logInAdmission" | "otherAdmission", ConcurrencyReading> };
  database: { provider: string; poolStats(): PoolStats };
}

/** The procedures that log a person in, and the method each stands for. */
const LOG_IN_METHODS: Readonly<Record<string, string>> = {
  "account.logIn": "password",
  "account.completeMfa": "second_factor",
  "account.passkeys.finishLogIn": "passkey",
};

/** The hasher's limiters as their label says them. */
const LIMITERS = {
  hashing: "hashing",
  logInAdmission: "login_admission",
  otherAdmission: "other_admission",
} as const;

/** 1 ms to 5 s: a read takes a few ms, a log-in one or two hashes (~15 ms each), a refusal waits at most HASHER_MAX_WAIT_MS. */
const DURATION_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The app's Prometheus metrics, on a registry of its own (never prom-client's global one:
 * tests build many containers in one process). Calls and log-ins are counted as they end
 * (`recordCall`, `recordThrottleRefusal`); gauges (hasher, pool) are read at scrape time.
 * Label values are procedure paths, outcome codes, methods and fixed names only: never a
 * username, an address or an id.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly callDuration: Histogram<"procedure" | "outcome">;
  private readonly logIns: Counter<"method" | "outcome">;
  private readonly throttleRefusals: Counter<"budget">;
  /** Children by "procedure outcome": prom-client's labels() hashes its labels on every call. */
  private readonly callChildren = new Map<string, Histogram.Internal<"procedure" | "outcome">>();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.callDuration = new Histogram({
      name: "gatehouse_api_call_duration_seconds",
      help:
        "API calls (tRPC procedures) by procedure and outcome (ok, or the appCode of the error), " +
        "and how long each took in seconds; _count is the number of calls.",
      labelNames: ["procedure", "outcome"],
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    });
    this.logIns = new Counter({
      name: "gatehouse_log_ins_total",
      help:
        "Log-in attempts by method (password, second_factor, passkey) and outcome: success, " +
        "mfa_required (right password, second step due) or the appCode of the refusal.",
      labelNames: ["method", "outcome"],
      registers,
    });
    this.throttleRefusals = new Counter({
      name: "gatehouse_throttle_refusals_total",
      help:
        "Attempts refused because a throttle budget was spent (RATE_LIMITED), by budget: " +
        "login_ip, login_account, signup_ip.",
      labelNames: ["budget"],
      registers,
    });
    for (const budget of ["login_ip", "login_account", "signup_ip"] satisfies ThrottleBudgetName[]) {
      this.throttleRefusals.labels(budget).inc(0);
    }

    const limiterGauge = (name: string, help: string, read: (reading: ConcurrencyReading) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ["limiter"],
        registers,
        collect() {
          for (const [key, reading] of Object.entries(sources.hasher.readings())) {
            this.labels(LIMITERS[key as keyof typeof LIMITERS]).set(read(reading));
          }
        },
      });
    limiterGauge(
      "gatehouse_password_hasher_in_use",
      "Password hasher slots in use now, by limiter: hashing (Argon2id hashes running), " +
        "login_admission and other_admission (requests that hash, admitted before their database work).",
      (reading) => reading.active,
    );
    limiterGauge(
      "gatehouse_password_hasher_slots",
      "Password hasher slots in all (HASHER_MAX_CONCURRENCY for hashing), by limiter.",
      (reading) => reading.maxConcurrency,
    );
    limiterGauge(
      "gatehouse_password_hasher_queued",
      "Hashes or requests waiting for a password hasher slot now, by limiter.",
      (reading) => reading.waiting,
    );
    new Counter({
      name: "gatehouse_password_hasher_refusals_total",
      help:
        "Hashes or requests refused with SERVICE_BUSY because no password hasher slot came free " +
        "(queue full or HASHER_MAX_WAIT_MS passed), by limiter, since the process started.",
      labelNames: ["limiter"],
      registers,
      collect() {
        // The limiters keep the totals; here they are only copied.
        this.reset();
        for (const [key, reading] of Object.entries(sources.hasher.readings())) {
          this.labels(LIMITERS[key as keyof typeof LIMITERS]).inc(reading.refused);
        }
      },
    });

    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ["provider"],
        registers,
        collect() {
          this.labels(sources.database.provider).set(read(sources.database.poolStats()));
        },
      });
    poolGauge(
      "gatehouse_database_connections_in_use",
      "Database connections busy with a query or transaction now (SQLite: its one connection, 0 or 1).",
      (stats) => stats.inUse,
    );
    poolGauge(
      "gatehouse_database_connections_waiting",
      "Queries or transactions waiting for a database connection now.",
      (stats) => stats.waiting,
    );
    poolGauge(
      "gatehouse_database_connections_max",
      "Database connections the pool may open (PostgreSQL: connection_limit; SQLite: 1).",
      (stats) => stats.max,
    );

    // Event loop lag, heap, CPU, garbage collection: prom-client's standard set.
    collectDefaultMetrics({ register: this.registry, prefix: "gatehouse_" });
  }

  /**
   * One finished procedure call: its path (a real procedure's: tRPC resolved it), its outcome
   * ("ok" or an appCode), its duration, and what it answered (a log-in that wants a second step).
   */
  recordCall(procedure: string, outcome: string, seconds: number, data: unknown): void {
    const key = `${procedure} ${outcome}`;
    let child = this.callChildren.get(key);
    if (!child) {
      child = this.callDuration.labels(procedure, outcome);
      this.callChildren.set(key, child);
    }
    child.observe(seconds);
    const method = LOG_IN_METHODS[procedure];
    if (method !== undefined) {
      const mfaRequired = (data as { mfaRequired?: unknown } | undefined)?.mfaRequired === true;
      this.logIns.labels(method, outcome !== "ok" ? outcome : mfaRequired ? "mfa_required" : "success").inc();
    }
  }

  recordThrottleRefusal(budget: ThrottleBudgetName): void {
    this.throttleRefusals.labels(budget).inc();
  }

  /** The Prometheus text exposition of everything above. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A container without metrics (the bench's baseline): records nothing, costs nothing. */
export class NoMetrics {
  recordCall(): void {}
  recordThrottleRefusal(): void {}
}

/** What the API records into: the real metrics, or none. */
export type MetricsRecorder = Pick<Metrics, "recordCall" | "recordThrottleRefusal">;
