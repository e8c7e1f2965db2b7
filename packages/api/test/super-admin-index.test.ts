// The database's one-super-admin index (`users_single_super_admin`, a partial unique index on
// users.role in both migrations) is the last line behind the bootstrap's "is there one
// already?" check: two bootstraps that both pass that check at once must not both commit.
// These tests race bootstraps past the check on purpose, so only the index can stop them:
// drop the index from the migrations and they fail.
import { BootstrapSuperAdminInteractor, UserService, type PasswordHash, type PasswordHasher } from "@gatehouse/core";
import {
  CommonPasswordPolicy,
  createPrismaClient,
  PostgresUserSearch,
  PrismaAuditLog,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PrismaUserReader,
  SqliteUserSearch,
  SystemClock,
  Uuidv7IdGenerator,
  type PrismaClient,
} from "@gatehouse/infra";
import { createTestDatabase, type TestDatabase } from "@gatehouse/infra/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

type Provider = "sqlite" | "postgresql";

/** A hasher that holds every caller until `parties` of them are hashing: all are then past the check. */
function barrierHasher(parties: number): PasswordHasher & { arrived: number } {
  let release!: () => void;
  const allThere = new Promise<void>((resolve) => (release = resolve));
  const hasher = {
    arrived: 0,
    async hash(): Promise<PasswordHash> {
      hasher.arrived += 1;
      if (hasher.arrived === parties) release();
      await allThere;
      return "$argon2id$not-a-real-hash-the-index-is-under-test" as PasswordHash;
    },
    verify: () => Promise.resolve(false),
  };
  return hasher as unknown as PasswordHasher & { arrived: number };
}

/** One bootstrap as the server runs it (its own unit of work, audit log and database client), but with `hasher`. */
function bootstrapWith(prisma: PrismaClient, provider: Provider, hasher: PasswordHasher) {
  const ids = new Uuidv7IdGenerator();
  const clock = new SystemClock();
  const unitOfWork = new PrismaUnitOfWork(prisma);
  return new BootstrapSuperAdminInteractor({
    users: new PrismaUserDataMapper(unitOfWork),
    transactions: unitOfWork,
    audit: new PrismaAuditLog(unitOfWork, ids, clock, { clientIp: null, requestId: null }),
    userService: new UserService(hasher, ids, clock),
    passwordPolicy: new CommonPasswordPolicy(),
    reader: new PrismaUserReader(
      prisma,
      provider === "sqlite" ? new SqliteUserSearch(prisma) : new PostgresUserSearch(),
    ),
  });
}

describe.each<Provider>(["sqlite", "postgresql"])("the one-super-admin index on %s", (provider) => {
  let database: TestDatabase;
  const clients: PrismaClient[] = [];
  const client = () => {
    const prisma = createPrismaClient(database.url);
    clients.push(prisma);
    return prisma;
  };

  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });

  afterEach(async () => {
    for (const prisma of clients.splice(0)) await prisma.$disconnect();
    await database.remove();
  });

  it("two bootstraps released at once, both past the check: exactly one commits, the other is SUPER_ADMIN_EXISTS", async () => {
    const hasher = barrierHasher(2);
    // On PostgreSQL each on its own database client (its own connections), as two CLI processes
    // would be; on SQLite through one client, as one server process does (SQLite has one writer:
    // a second client would wait on the file lock, not on the index).
    const shared = client();
    const clientFor = () => (provider === "sqlite" ? shared : client());
    const outcomes = await Promise.allSettled([
      bootstrapWith(clientFor(), provider, hasher).execute({
        username: "first.root",
        password: "a long root password 1",
      }),
      bootstrapWith(clientFor(), provider, hasher).execute({
        username: "second.root",
        password: "a long root password 2",
      }),
    ]);
    expect(hasher.arrived).toBe(2); // both had passed the use case's own check before either wrote

    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const lost = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "SUPER_ADMIN_EXISTS" });

    const prisma = client();
    const rows = await prisma.user.findMany({ select: { id: true, role: true } });
    expect(rows).toEqual([{ id: won[0]!.value.id, role: "super_admin" }]);
    // The loser's audit event died with its transaction.
    const events = await prisma.auditEvent.findMany({ select: { type: true, targetId: true } });
    expect(events).toEqual([{ type: "user.created", targetId: won[0]!.value.id }]);
  });

  it("refuses a second super_admin row written straight into the table, by insert or by update", async () => {
    const prisma = client();
    const row = (id: string, name: string, role: string) => ({
      id,
      username: name,
      usernameKey: name,
      passwordHash: "$argon2id$placeholder",
      role,
      isActive: true,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
    });
    await prisma.user.create({ data: row("00000000-0000-7000-8000-000000000001", "root.one", "super_admin") });
    await expect(
      prisma.user.create({ data: row("00000000-0000-7000-8000-000000000002", "root.two", "super_admin") }),
    ).rejects.toThrow(/unique/i);
    await prisma.user.create({ data: row("00000000-0000-7000-8000-000000000003", "an.admin", "admin") });
    await expect(
      prisma.user.update({ where: { id: "00000000-0000-7000-8000-000000000003" }, data: { role: "super_admin" } }),
    ).rejects.toThrow(/unique/i);
    // Other roles are not limited by it.
    await prisma.user.create({ data: row("00000000-0000-7000-8000-000000000004", "another.admin", "admin") });
    expect(await prisma.user.count({ where: { role: "super_admin" } })).toBe(1);
    expect(await prisma.user.count({ where: { role: "admin" } })).toBe(2);
  });
});
