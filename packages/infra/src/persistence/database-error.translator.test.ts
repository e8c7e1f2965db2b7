import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "../errors/infrastructure-error";
import { Prisma } from "../generated/sqlite/client";
import { translateDatabaseError } from "./database-error.translator";

/** What @prisma/adapter-pg throws for a PostgreSQL error Prisma has no code of its own for. */
function driverAdapterError(sqlState: string, message: string): Error {
  const error = new Error(message, {
    cause: {
      kind: "postgres",
      originalCode: sqlState,
      originalMessage: message,
      code: sqlState,
      severity: "FATAL",
      message,
    },
  });
  error.name = "DriverAdapterError";
  return error;
}

/** The same failure once Prisma wrapped it (a raw query: P2010). */
function knownRequestError(sqlState: string, message: string) {
  return new Prisma.PrismaClientKnownRequestError(`Raw query failed. Code: \`${sqlState}\`. Message: \`${message}\``, {
    code: "P2010",
    clientVersion: "6.19.3",
    meta: { driverAdapterError: driverAdapterError(sqlState, message) },
  });
}

describe("translating database failures", () => {
  // What a PostgreSQL restart looks like from the pool: each must be a 503, not a 500.
  it.each([
    ["in-flight query when the server stops", new Error("Connection terminated unexpectedly")],
    ["a pooled connection that broke", new Error("Client has encountered a connection error and is not queryable")],
    ["no pooled connection in time", new Error("timeout exceeded when trying to connect")],
    [
      "no connection for a transaction within maxWait",
      new Prisma.PrismaClientKnownRequestError(
        "Transaction API error: Unable to start a transaction in the given time.",
        {
          code: "P2028",
          clientVersion: "6.19.3",
        },
      ),
    ],
    ["connect timeout", new Error("Connection terminated due to connection timeout")],
    ["server starting up (transaction start)", driverAdapterError("57P03", "the database system is starting up")],
    ["server shutting down (transaction start)", driverAdapterError("57P03", "the database system is shutting down")],
    ["server starting up (query)", knownRequestError("57P03", "the database system is starting up")],
    [
      "backend terminated by the operator",
      knownRequestError("57P01", "terminating connection due to administrator command"),
    ],
    ["connection failure class 08", knownRequestError("08006", "connection failure")],
    ["out of connections", driverAdapterError("53300", "sorry, too many clients already")],
  ])("%s becomes DatabaseUnavailableError", (_label, error) => {
    const translated = translateDatabaseError(error);
    expect(translated).toBeInstanceOf(DatabaseUnavailableError);
    expect((translated as Error).cause).toBe(error);
  });

  it.each([
    ["a unique violation", knownRequestError("23505", "duplicate key value violates unique constraint")],
    ["a missing table (a bug, not an outage)", driverAdapterError("42P01", 'relation "users" does not exist')],
    ["a plain programming error", new TypeError("Cannot read properties of undefined")],
    [
      "a transaction used after it closed (a bug)",
      new Prisma.PrismaClientKnownRequestError(
        "Transaction API error: Transaction already closed: A query cannot be executed on a committed transaction.",
        {
          code: "P2028",
          clientVersion: "6.19.3",
        },
      ),
    ],
  ])("%s is left as it is", (_label, error) => {
    expect(translateDatabaseError(error)).toBe(error);
  });
});
