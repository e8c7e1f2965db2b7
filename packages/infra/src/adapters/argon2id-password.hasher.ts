import { randomBytes } from "node:crypto";
import type { PasswordHash, PasswordHasher, RawPassword } from "@gatehouse/core";
import { Argon2id } from "oslo/password";
import { PasswordHasherBusyError } from "../errors/infrastructure-error";
import { ConcurrencyLimiter, type ConcurrencyReading } from "./concurrency-limiter";

export interface Argon2idOptions {
  /** Server-side secret mixed into every hash (Argon2's `secret`); never stored with the hashes. */
  pepper: Uint8Array;
  maxConcurrency: number;
  maxWaitMs: number;
  /** Hashes allowed to wait for a slot (default 32 per slot); more are refused at once. */
  maxQueue?: number;
  /** KiB; OWASP's minimum for Argon2id with t=2 is 19 MiB. */
  memorySize?: number;
  iterations?: number;
}

/**
 * Argon2id with a pepper and bounded concurrency: each hash takes ~19 MiB and ~15 ms of a
 * core, so an unbounded queue under a login flood would exhaust memory and time out every
 * caller; instead callers past the queue or wait limit fail fast with `PasswordHasherBusyError`.
 */
export class Argon2idPasswordHasher implements PasswordHasher {
  private readonly argon2: Argon2id;
  private readonly limiter: ConcurrencyLimiter;
  /**
   * Admission for log-ins, whole requests whose main cost is one hash, taken before any of
   * their database work: twice as many as there are hashing slots run at once (so one
   * request's reads and writes overlap another's hash), as many again may wait, and the
   * rest are refused at once. Admitted requests wait for at most about one hash, refused
   * ones cost the server next to nothing, and nothing piles up under overload.
   */
  readonly logInAdmission: ConcurrencyLimiter;
  /**
   * Admission for the other requests that hash (sign-up, change password, an admin's create
   * and set-password): at most half of the hashing slots at once (at least one); the rest
   * wait as hashes do (the same queue length and wait limit), then are refused. However
   * many of them arrive, log-ins keep the other half of the hashing capacity.
   */
  readonly otherAdmission: ConcurrencyLimiter;
  private dummyHash: Promise<string> | null = null;

  constructor(options: Argon2idOptions) {
    this.argon2 = new Argon2id({
      memorySize: options.memorySize ?? 19_456,
      iterations: options.iterations ?? 2,
      parallelism: 1,
      tagLength: 32,
      secret: options.pepper,
    });
    const busy = () => new PasswordHasherBusyError();
    const { maxConcurrency, maxWaitMs } = options;
    const maxQueue = options.maxQueue ?? maxConcurrency * 32;
    this.limiter = new ConcurrencyLimiter({ maxConcurrency, maxWaitMs, maxQueue }, busy);
    this.logInAdmission = new ConcurrencyLimiter(
      { maxConcurrency: maxConcurrency * 2, maxQueue: maxConcurrency, maxWaitMs },
      busy,
    );
    const half = Math.max(1, Math.floor(maxConcurrency / 2));
    this.otherAdmission = new ConcurrencyLimiter({ maxConcurrency: half, maxQueue: maxQueue, maxWaitMs }, busy);
  }

  /**
   * The three limiters' state, for metrics: `hashing` (the hashes themselves),
   * `logInAdmission` and `otherAdmission` (whole requests admitted before their database work).
   */
  readings(): Record<"hashing" | "logInAdmission" | "otherAdmission", ConcurrencyReading> {
    return {
      hashing: this.limiter.reading(),
      logInAdmission: this.logInAdmission.reading(),
      otherAdmission: this.otherAdmission.reading(),
    };
  }

  async hash(password: RawPassword): Promise<PasswordHash> {
    return (await this.limiter.run(() => this.argon2.hash(password.value))) as PasswordHash;
  }

  verify(hash: PasswordHash, password: RawPassword): Promise<boolean> {
    return this.limiter.run(() => this.argon2.verify(hash, password.value));
  }

  async spendVerification(password: RawPassword): Promise<void> {
    this.dummyHash ??= this.argon2.hash(randomBytes(16).toString("hex"));
    const dummyHash = await this.dummyHash;
    await this.limiter.run(() => this.argon2.verify(dummyHash, password.value));
  }
}
