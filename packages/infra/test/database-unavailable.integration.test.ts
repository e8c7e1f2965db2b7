import { UserId, Username } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import {
  createPrismaClient,
  DatabaseUnavailableError,
  pingDatabase,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PrismaUserReader,
} from "../src/index";

// Nothing listens on port 1: every call must fail fast as DatabaseUnavailableError, never
// leak a driver error.
const unreachable = "postgresql://postgres@127.0.0.1:1/gatehouse?connect_timeout=2";

describe("an unreachable PostgreSQL server", () => {
  it("turns every adapter's failure into DatabaseUnavailableError", async () => {
    const prisma = createPrismaClient(unreachable);
    const users = new PrismaUserDataMapper(new PrismaUnitOfWork(prisma));
    const reader = new PrismaUserReader(prisma, "postgresql");
    const unitOfWork = new PrismaUnitOfWork(prisma);
    const id = UserId.create("01900000-0000-7000-8000-000000000001");

    const outcomes = await Promise.all(
      [
      pingDatabase(prisma),
      users.readById(id),
      users.readByUsername(Username.create("alice")),
      reader.readAccount(id),
      reader.countUsers({ search: null, role: null, isActive: null }),
        unitOfWork.run(async () => undefined),
      ].map((call: Promise<unknown>) => call.then(() => null, (error: unknown) => error)),
    );
    for (const error of outcomes) {
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).message).toBe("The database is unavailable. Please try again shortly.");
    }
    await prisma.$disconnect();
  });
});
