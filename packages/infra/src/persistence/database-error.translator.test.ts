import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "../errors/infrastructure-error";
import { Prisma } from "../generated/sqlite/client";
import { isUniqueViolation, translateDatabaseError, withDatabaseErrors } from "./database-error.translator";

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

describe("each rule of the translation", () => {
  /** Whether `error` becomes DatabaseUnavailableError, keeping `error` as its cause. */
  const unavailable = (error: unknown) => {
    const translated = translateDatabaseError(error);
    if (!(translated instanceof DatabaseUnavailableError)) return false;
    expect(translated.cause).toBe(error);
    return true;
  };
  const known = (code: string, meta?: Record<string, unknown>) =>
    new Prisma.PrismaClientKnownRequestError(`error ${code}`, { code, clientVersion: "6.19.3", meta });
  /** A DriverAdapterError whose cause is exactly `cause`. */
  const adapterError = (cause: object) =>
    Object.assign(new Error("adapter", { cause }), { name: "DriverAdapterError" });

  it("counts a client that could not start as unavailable", () => {
    expect(unavailable(new Prisma.PrismaClientInitializationError("Can't reach database server", "6.19.3"))).toBe(true);
  });

  it.each(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"])("counts Prisma's %s as unavailable", (code) => {
    expect(unavailable(known(code))).toBe(true);
  });

  it.each(["P2002", "P2025", "P2010"])("leaves Prisma's %s (without a driver cause) as it is", (code) => {
    const error = known(code);
    expect(translateDatabaseError(error)).toBe(error);
  });

  it.each([
    "DatabaseNotReachable",
    "DatabaseDoesNotExist",
    "ConnectionClosed",
    "SocketTimeout",
    "TooManyConnections",
    "TransactionWriteConflict",
  ])("counts the driver's %s as unavailable, bare or inside Prisma's error", (kind) => {
    expect(unavailable(adapterError({ kind }))).toBe(true);
    expect(unavailable(known("P2010", { driverAdapterError: { cause: { kind } } }))).toBe(true);
  });

  it("leaves other driver kinds, and errors merely shaped like a driver's, as they are", () => {
    for (const error of [
      adapterError({ kind: "UniqueConstraintViolation" }),
      known("P2010", { driverAdapterError: { cause: { kind: "UniqueConstraintViolation" } } }),
      known("P2010", { driverAdapterError: {} }),
      // not named DriverAdapterError: its cause is not read
      new Error("adapter", { cause: { kind: "ConnectionClosed", code: "57P01" } }),
    ]) {
      expect(translateDatabaseError(error)).toBe(error);
    }
  });

  it("reads the SQLSTATE from originalCode, else from code", () => {
    expect(unavailable(adapterError({ originalCode: "57P01" }))).toBe(true);
    expect(unavailable(adapterError({ code: "08006" }))).toBe(true);
    expect(unavailable(adapterError({ originalCode: "57P01", code: "23505" }))).toBe(true);
    expect(unavailable(adapterError({ originalCode: "23505", code: "57P01" }))).toBe(false);
  });

  it.each([
    ["08000", true],
    ["08P01", true],
    ["57P01", true],
    ["57P05", true],
    ["57P06", false],
    ["57014", false], // a cancelled query: a timeout of ours, not an outage
    ["53300", true],
    ["X08006", false],
    ["080060", false],
    ["0800", false],
  ])("takes SQLSTATE %s as unavailable: %s", (sqlState, expected) => {
    expect(unavailable(adapterError({ originalCode: sqlState }))).toBe(expected);
  });

  it("counts a node-postgres error by its code, with a message that says nothing", () => {
    expect(unavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(unavailable(Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(unavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(unavailable(new Error("SQLITE_BUSY: database is locked"))).toBe(true);
    expect(unavailable({ message: "Connection terminated unexpectedly" })).toBe(false); // not an Error
  });

  it("runs a call, passing its value through and translating its failure", async () => {
    await expect(withDatabaseErrors(async () => 42)).resolves.toBe(42);
    const outage = new Error("Connection terminated unexpectedly");
    await expect(withDatabaseErrors(() => Promise.reject(outage))).rejects.toMatchObject({
      constructor: DatabaseUnavailableError,
      cause: outage,
    });
    const bug = new TypeError("x is undefined");
    await expect(withDatabaseErrors(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe("isUniqueViolation", () => {
  const violation = (meta?: Record<string, unknown>, code = "P2002") =>
    new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code, clientVersion: "6.19.3", meta });

  it("names the fields from Prisma's target, as a list or as an index name", () => {
    expect(isUniqueViolation(violation({ target: ["username_key"] }), ["username_key"])).toBe(true);
    expect(isUniqueViolation(violation({ target: "users_username_key_key" }), ["username_key"])).toBe(true);
    expect(isUniqueViolation(violation({ target: ["id"] }), ["username_key"])).toBe(false);
  });

  it("names the fields from the driver adapter's constraint", () => {
    const meta = { driverAdapterError: { cause: { constraint: { fields: ["username_key"] } } } };
    expect(isUniqueViolation(violation(meta), ["username_key"])).toBe(true);
    expect(isUniqueViolation(violation(meta), ["email"])).toBe(false);
  });

  it("is true when any named field is any of the fields asked about", () => {
    expect(isUniqueViolation(violation({ target: [5, "id", "username_key"] }), ["username_key"])).toBe(true);
    expect(isUniqueViolation(violation({ target: ["username_key"] }), ["email", "username_key"])).toBe(true);
  });

  it("is false without a unique violation or without names", () => {
    expect(isUniqueViolation(violation({ target: ["username_key"] }, "P2025"), ["username_key"])).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("dup"), { code: "P2002" }), ["username_key"])).toBe(false);
    for (const meta of [undefined, {}, { driverAdapterError: {} }, { driverAdapterError: { cause: {} } }]) {
      expect(isUniqueViolation(violation(meta), ["username_key"])).toBe(false);
    }
    expect(isUniqueViolation(violation({ driverAdapterError: { cause: { constraint: {} } } }), ["username_key"])).toBe(
      false,
    );
  });
});
