/**
 * Failures of the machinery rather than refusals of the business: the database or the
 * hasher cannot serve now, a concurrent write won, a client is over its budget. Each
 * carries a stable `code` (the API's appCode); the API's error map decides its HTTP status.
 */
export abstract class InfrastructureError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database cannot be reached or did not answer in time. */
export class DatabaseUnavailableError extends InfrastructureError {
  readonly code = "SERVICE_UNAVAILABLE";

  constructor(options?: { cause?: unknown }) {
    super("The database is unavailable. Please try again shortly.", options);
  }
}

/** More password hashes are waiting than the hasher can serve within its wait limit. */
export class PasswordHasherBusyError extends InfrastructureError {
  readonly code = "SERVICE_BUSY";

  constructor() {
    super("The service is busy. Please try again shortly.");
  }
}

/**
 * Someone else saved the same record after this request read it. Nothing was written; the
 * caller should read again and retry (optimistic locking instead of lost updates).
 */
export class ConcurrentUpdateError extends InfrastructureError {
  readonly code = "CONCURRENT_UPDATE";

  constructor() {
    super("This record was changed by someone else at the same time. Please reload and try again.");
  }
}

/** Too many attempts from this client or at this account; try again after `retryAfterSeconds`. */
export class RateLimitedError extends InfrastructureError {
  readonly code = "RATE_LIMITED";

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}
