import { RawPassword, Username } from "@gatehouse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./fixtures";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// better-sqlite3 gives Prisma one connection. Without care, a query of one request runs
// inside another request's open transaction: it sees that transaction's uncommitted rows
// and its own writes vanish when that transaction rolls back.
describe("one SQLite connection shared by concurrent requests", () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp("sqlite");
  });

  afterEach(async () => {
    await app.close();
  });

  it("runs in write-ahead-log mode with synchronous = NORMAL (a commit costs no fsync)", async () => {
    const [{ journal_mode }] = await app.prisma.$queryRawUnsafe<[{ journal_mode: string }]>("PRAGMA journal_mode");
    const [{ synchronous }] =
      await app.prisma.$queryRawUnsafe<[{ synchronous: bigint | number }]>("PRAGMA synchronous");
    expect(journal_mode).toBe("wal");
    expect(Number(synchronous)).toBe(1); // NORMAL
  });

  async function transactionThatRollsBack(started: () => void) {
    const { unitOfWork, users } = app.request();
    const user = await app.userService.createUser(Username.create("doomed"), RawPassword.create("correct horse"));
    await unitOfWork
      .run(async () => {
        users.add(user);
        // Sent after the user's row, inside the same open transaction.
        unitOfWork.register(async () => {
          started();
          await pause(150);
          throw new Error("rolled back on purpose");
        });
      })
      .catch(() => undefined);
  }

  it("never shows another request's uncommitted rows", async () => {
    // Asked while the other transaction is open; awaited however long it takes (no timed wait).
    let seen: Promise<number> = Promise.resolve(-1);
    await transactionThatRollsBack(() => {
      seen = app.prisma.user.count();
    });

    expect(await seen).toBe(0);
  });

  it("keeps a write made while another request's transaction rolls back", async () => {
    await app.request().signUp.execute({ username: "survivor", password: "correct horse" });
    const survivor = (await app.prisma.user.findFirstOrThrow()).id;
    let write: Promise<unknown> = Promise.resolve();

    await transactionThatRollsBack(() => {
      write = app.prisma.session.create({
        data: {
          id: "a".repeat(64),
          publicId: "p1",
          userId: survivor,
          expiresAt: new Date(Date.now() + 60_000),
          createdAt: new Date(),
          lastUsedAt: new Date(),
        },
      });
    });
    await write;

    expect(await app.prisma.session.count()).toBe(1);
    expect(await app.prisma.user.count()).toBe(1);
  });
});
