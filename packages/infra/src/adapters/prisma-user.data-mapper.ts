import type { User, UserDataMapper, UserId, Username } from "@gatehouse/core";
import { ConcurrentUpdateError } from "../errors/infrastructure-error";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { userToDomain, userToPersistence, type UserRow } from "../persistence/user.mapper";
import type { PrismaUnitOfWork } from "./prisma-unit-of-work";

export class PrismaUserDataMapper implements UserDataMapper {
  constructor(private readonly unitOfWork: PrismaUnitOfWork) {}

  add(user: User): void {
    const data = userToPersistence(user);
    this.unitOfWork.register((db) => db.user.create({ data }));
  }

  update(user: User): void {
    const { id, version, ...changes } = userToPersistence(user);
    this.unitOfWork.register(async (db) => {
      // Optimistic lock: the row must still be at the version this request read.
      const { count } = await db.user.updateMany({
        where: { id, version },
        data: { ...changes, version: version + 1 },
      });
      if (count === 0) throw new ConcurrentUpdateError();
    });
  }

  async readById(id: UserId): Promise<User | null> {
    const row = await withDatabaseErrors(() => this.unitOfWork.executor.user.findUnique({ where: { id } }));
    return row ? userToDomain(row) : null;
  }

  /**
   * Runs on every log-in: written as SQL because Prisma's `findUnique` costs several times
   * the CPU of the same read through `$queryRaw`.
   */
  async readByUsername(username: Username): Promise<User | null> {
    const [row] = await withDatabaseErrors(
      () => this.unitOfWork.executor.$queryRaw<UserRow[]>`
        SELECT id, username, username_key AS "usernameKey", password_hash AS "passwordHash", role,
               is_active AS "isActive", created_at AS "createdAt", updated_at AS "updatedAt", version
        FROM users WHERE username_key = ${username.key}`,
    );
    return row ? userToDomain(row) : null;
  }
}
