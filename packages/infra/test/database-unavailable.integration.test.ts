import { UserId, Username } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import {
  AttemptThrottle,
  createLucia,
  openDatabase,
  DatabaseUnavailableError,
  pingDatabase,
  PrismaAuditLog,
  PrismaAuditPurger,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PostgresUserSearch,
  PrismaUserReader,
  SystemClock,
  Uuidv7IdGenerator,
} from "../src/index";

// Nothing listens on port 1: every call must fail fast as DatabaseUnavailableError, never
// leak a driver error.
const unreachable = "postgresql://postgres@127.0.0.1:1/gatehouse?connect_timeout=2";

describe("an unreachable PostgreSQL server", () => {
  it("turns every adapter's failure into DatabaseUnavailableError", async () => {
    const database = openDatabase(unreachable);
    const prisma = database.prisma;
    const users = new PrismaUserDataMapper(new PrismaUnitOfWork(prisma));
    const reader = new PrismaUserReader(prisma, new PostgresUserSearch());
    const unitOfWork = new PrismaUnitOfWork(prisma);
    const id = UserId.create("01900000-0000-7000-8000-000000000001");
    const throttle = new AttemptThrottle(prisma, {
      loginAttemptsPerAccount: 5,
      loginAttemptsPerIp: 5,
      loginWindowSeconds: 60,
      signUpsPerIp: 5,
      signUpWindowSeconds: 60,
    });
    const audit = new PrismaAuditLog(unitOfWork, new Uuidv7IdGenerator(), new SystemClock(), {
      clientIp: null,
      requestId: null,
    });
    const lucia = createLucia(database, { idleTtlSeconds: 60, maxTtlSeconds: 600, secureCookies: false });

    const outcomes = await Promise.all(
      [
        pingDatabase(prisma),
        users.readById(id),
        users.readByUsername(Username.create("alice")),
        reader.readAccount(id),
        reader.countUsers({ search: null, role: null, isActive: null }),
        unitOfWork.run(async () => undefined),
        throttle.countLogInAttempt("alice", "192.0.2.1"),
        throttle.forgiveLogIn("alice", "192.0.2.1"),
        audit.recordNow({ type: "user.login_failed", actorId: null, targetId: null, attemptedUsername: "alice" }),
        new PrismaAuditPurger(prisma).deleteOlderThan(new Date()),
        lucia.createSession(id, { userVersion: 0 }),
        lucia.validateSession("a-token-the-session-check-looks-up"), // on the driver, not Prisma
      ].map((call: Promise<unknown>) =>
        call.then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    for (const error of outcomes) {
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).message).toBe("The database is unavailable. Please try again shortly.");
    }
    await database.close();
  });
});
