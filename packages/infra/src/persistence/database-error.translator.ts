import { Prisma } from "../generated/sqlite/client";
import { DatabaseUnavailableError } from "../errors/infrastructure-error";

// Prisma error codes that mean "could not reach or use the database right now".
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
// Driver adapter error kinds (SQLite's SQLITE_BUSY, a dropped connection, ...) with the same meaning.
const UNAVAILABLE_DRIVER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
]);

/** Whether `error` is a unique-constraint violation on one of `fields` (column or field names). */
export function isUniqueViolation(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const meta = error.meta as
    { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } | undefined;
  const named = [meta?.target, meta?.driverAdapterError?.cause?.constraint?.fields]
    .flat()
    .filter((name): name is string => typeof name === "string");
  return named.some((name) => fields.some((field) => name.includes(field)));
}

// PostgreSQL SQLSTATEs that mean "this connection or server cannot serve you right now":
// class 08 (connection exception), 57P01-57P05 (connection ended by the operator or a crash,
// "cannot connect now" while starting up or shutting down, ...), class 53 (insufficient resources).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-5]|53...)$/;
// Failures that carry no code of their own: node-postgres's when the server went away
// mid-query or no pooled connection came free in time, and Prisma's (P2028) when a
// transaction could not get a connection within its `maxWait`: all mean "not now", not "bug".
const UNAVAILABLE_MESSAGES =
  /SQLITE_(BUSY|CANTOPEN|IOERR|LOCKED)|ECONNREFUSED|ECONNRESET|Connection terminated|not queryable|timeout exceeded when trying to connect|Unable to start a transaction in the given time/;

interface DriverAdapterErrorCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

/** The driver adapter's description of a failure: on a Prisma error's meta, or a bare DriverAdapterError. */
function driverCause(error: unknown): DriverAdapterErrorCause | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return (error.meta as { driverAdapterError?: { cause?: DriverAdapterErrorCause } } | undefined)?.driverAdapterError
      ?.cause;
  }
  // Prisma rethrows some adapter errors as they are (e.g. when a transaction cannot start).
  // Stryker disable next-line ConditionalExpression: a cause that is no object has no kind or code to read, and is refused alike
  if (error instanceof Error && error.name === "DriverAdapterError" && typeof error.cause === "object") {
    return error.cause as DriverAdapterErrorCause;
  }
  return undefined;
}

function isUnavailableCause(cause: DriverAdapterErrorCause | undefined): boolean {
  if (!cause) return false;
  if (cause.kind && UNAVAILABLE_DRIVER_KINDS.has(cause.kind)) return true;
  const sqlState = cause.originalCode ?? cause.code;
  // Stryker disable next-line ConditionalExpression: without the type test, a missing SQLSTATE is tested as "undefined", which the pattern never matches
  return typeof sqlState === "string" && UNAVAILABLE_SQLSTATE.test(sqlState);
}

/**
 * Turns a failure to reach the database into `DatabaseUnavailableError`; anything else is
 * returned unchanged (a bug should surface as one, not hide behind a 503).
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientInitializationError) {
    return new DatabaseUnavailableError({ cause: error });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_CODES.has(error.code)) {
    return new DatabaseUnavailableError({ cause: error });
  }
  if (isUnavailableCause(driverCause(error))) {
    return new DatabaseUnavailableError({ cause: error });
  }
  // A node-postgres error of the session check, which runs on the driver itself.
  if (error instanceof Error && isUnavailableCause({ code: (error as { code?: string }).code })) {
    return new DatabaseUnavailableError({ cause: error });
  }
  if (
    error instanceof Error &&
    // Stryker disable next-line StringLiteral: whatever stands for a missing code, the message test ignores it
    UNAVAILABLE_MESSAGES.test(`${error.message} ${(error as { code?: string }).code ?? ""}`)
  ) {
    return new DatabaseUnavailableError({ cause: error });
  }
  return error;
}

/** Runs a database call, translating failures as above. */
export async function withDatabaseErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
