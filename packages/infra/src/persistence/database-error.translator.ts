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
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } }
    | undefined;
  const named = [meta?.target, meta?.driverAdapterError?.cause?.constraint?.fields]
    .flat()
    .filter((name): name is string => typeof name === "string");
  return named.some((name) => fields.some((field) => name.includes(field)));
}

/**
 * Turns a failure to reach the database into `DatabaseUnavailableError`; anything else is
 * returned unchanged (a bug should surface as one, not hide behind a 503).
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientInitializationError) {
    return new DatabaseUnavailableError({ cause: error });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const kind = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)
      ?.driverAdapterError?.cause?.kind;
    if (UNAVAILABLE_CODES.has(error.code) || (kind && UNAVAILABLE_DRIVER_KINDS.has(kind))) {
      return new DatabaseUnavailableError({ cause: error });
    }
  }
  if (error instanceof Error && /SQLITE_(BUSY|CANTOPEN|IOERR|LOCKED)|ECONNREFUSED/.test(`${error.message} ${(error as { code?: string }).code ?? ""}`)) {
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
