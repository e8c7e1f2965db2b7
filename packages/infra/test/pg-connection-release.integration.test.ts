import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createPrismaClient,
  DatabaseUnavailableError,
  pingDatabase,
  PrismaUnitOfWork,
  type PrismaClient,
} from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

// A transaction whose connection dies (the server restarts, an operator ends the backend)
// must still hand its pooled connection back. Prisma 6.19 did not when its closing ROLLBACK
// failed, so each outage shrank the pool until no request could get a connection at all,
// even with the database back (see src/persistence/pooled-pg.adapter.ts).
describe("a PostgreSQL transaction whose connection dies", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeEach(async () => {
    database = await createTestDatabase("postgresql");
    const url = new URL(database.url);
    url.searchParams.set("connection_limit", "2");
    url.searchParams.set("pool_timeout", "2");
    prisma = createPrismaClient(url.toString());
  });

  afterEach(async () => {
    await database.remove();
  });

  it("fails with DatabaseUnavailableError and gives its connection back to the pool", async () => {
    // Twice the pool's size: with leaked connections the later rounds could not even start.
    for (let round = 0; round < 4; round++) {
      const unitOfWork = new PrismaUnitOfWork(prisma);
      const failure = await unitOfWork
        .run(() => unitOfWork.executor.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`)
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    }
    await expect(pingDatabase(prisma)).resolves.toBeUndefined();
    // Ending the pool waits for every connection to come back: a leaked one never does, so this
    // would wait forever. (No tight time bound: a loaded machine is slow, a leak is endless.)
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      prisma.$disconnect().then(() => "ended"),
      new Promise((resolve) => (timer = setTimeout(resolve, 20_000, "still waiting for a connection"))),
    ]).finally(() => clearTimeout(timer));
    expect(ended).toBe("ended");
  });
});
