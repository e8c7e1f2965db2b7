import { describe, expect, it } from "vitest";
import { databaseProvider, resolveDatabaseUrl } from "./database-url";
import { postgresPoolOptions } from "./driver-adapter.factory";

describe("database URLs", () => {
  it("pick the provider by scheme", () => {
    expect(databaseProvider("file:/tmp/x.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://h/db")).toBe("postgresql");
    expect(resolveDatabaseUrl("postgres://h/db")).toBe("postgres://h/db");
    expect(() => resolveDatabaseUrl("mysql://h/db")).toThrow('must be a SQLite "file:" URL or a "postgresql://" URL');
  });

  it("take PostgreSQL pool settings from the URL and hide them from the driver", () => {
    expect(
      postgresPoolOptions("postgresql://u:p@db:5432/app?connection_limit=25&pool_timeout=3&sslmode=require"),
    ).toEqual({
      connectionString: "postgresql://u:p@db:5432/app?sslmode=require",
      max: 25,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    expect(postgresPoolOptions("postgresql://db/app")).toMatchObject({ max: 10, connectionTimeoutMillis: 5000 });
  });
});
