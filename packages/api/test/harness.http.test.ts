// The HTTP harness itself: a start that fails must not leak the database it was given or made.
import { existsSync } from "node:fs";
import { createPrismaClient } from "@gatehouse/infra";
import { createTestDatabase, TEST_POSTGRES_URL } from "@gatehouse/infra/testing";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/server";
import { startHarness } from "./http-harness";

async function databaseExists(url: string): Promise<boolean> {
  const server = createPrismaClient(TEST_POSTGRES_URL);
  try {
    const name = new URL(url).pathname.slice(1);
    const rows = await server.$queryRaw<unknown[]>`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    return rows.length === 1;
  } finally {
    await server.$disconnect();
  }
}

describe("a harness whose start fails", () => {
  it("removes its SQLite database", async () => {
    const database = await createTestDatabase("sqlite");
    const file = database.url.slice("file:".length);
    expect(existsSync(file)).toBe(true);
    await expect(startHarness({ LOG_LEVEL: "chatty" }, database)).rejects.toBeInstanceOf(ConfigError);
    expect(existsSync(file)).toBe(false);
  });

  it("drops its PostgreSQL database", async () => {
    const database = await createTestDatabase("postgresql");
    expect(await databaseExists(database.url)).toBe(true);
    await expect(startHarness({ SESSION_IDLE_TTL: "soon" }, database)).rejects.toBeInstanceOf(ConfigError);
    expect(await databaseExists(database.url)).toBe(false);
  });
});
