/**
 * Refusals of the API itself (the HTTP and tRPC layers), shaped like core's and infra's
 * errors: `code` is the stable appCode clients see, `message` is for people. Their tRPC
 * code (and so their HTTP status) is in the one error map (trpc/errors.ts).
 */
export abstract class ApiError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mutation from a browser on another origin. */
export class OriginRejectedError extends ApiError {
  readonly code = "ORIGIN_REJECTED";

  constructor() {
    super("This request did not come from an allowed origin.");
  }
}

/** A request body over MAX_BODY_BYTES (see bodyOf in http/api-handler.ts). */
export class PayloadTooLargeError extends ApiError {
  readonly code = "PAYLOAD_TOO_LARGE";

  constructor(readonly maxBytes: number) {
    super(`The request body is larger than the limit of ${maxBytes} bytes.`);
  }
}

/** A request line or headers over Node's limit: refused by Node before the front door (431). */
export class HeadersTooLargeError extends ApiError {
  readonly code = "PAYLOAD_TOO_LARGE";

  constructor() {
    super("The request's URL or headers are too large.");
  }
}

/** Bytes Node could not parse as an HTTP request. */
export class MalformedRequestError extends ApiError {
  readonly code = "VALIDATION_FAILED";

  constructor() {
    super("The request is not valid HTTP.");
  }
}

/** A batch of more calls than MAX_BATCH_CALLS: refused whole, before any call runs. */
export class BatchTooLargeError extends ApiError {
  readonly code = "BATCH_TOO_LARGE";

  constructor(maxCalls: number) {
    super(`A batch may hold at most ${maxCalls} calls.`);
  }
}

/** A path the server serves nothing at. */
export class NothingServedError extends ApiError {
  readonly code = "NOT_FOUND";

  constructor(path: string) {
    super(`Nothing is served at ${path}.`);
  }
}

/** An HTTP method the API does not take (405); its appCode is NOT_FOUND, as for a path. */
export class MethodNotSupportedError extends ApiError {
  readonly code = "NOT_FOUND";

  constructor(message = "Use GET for queries and POST for mutations.") {
    super(message);
  }
}

/** `GET /metrics` without `Authorization: Bearer <METRICS_TOKEN>`, or with another token. */
export class MetricsTokenRequiredError extends ApiError {
  readonly code = "NOT_AUTHENTICATED";

  constructor() {
    super("The metrics need Authorization: Bearer <METRICS_TOKEN>.");
  }
}

/** A bug: the client gets this generic message, the log gets the real error. */
export class InternalError extends ApiError {
  readonly code = "INTERNAL";

  constructor() {
    super("Something went wrong on our side.");
  }
}
