import type { User, UserDataMapper, UserId, Username } from "@gatehouse/core";
import { ConcurrentUpdateError } from "../errors/infrastructure-error";
import { Prisma } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { booleanOf, userToDomain, userToPersistence, type UserRow } from "../persistence/user.mapper";
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

  /** Sign-up's check that a name is free (the unique index decides under a race). */
  async readByUsername(username: Username): Promise<User | null> {
    const [row] = await withDatabaseErrors(
      () => this.unitOfWork.executor.$queryRaw<UserRow[]>`
        SELECT ${USER_COLUMNS} FROM users WHERE username_key = ${username.key}`,
    );
    return row ? userToDomain(row) : null;
  }

  /**
   * What a log-in reads, in one statement whether or not the name exists: the user and
   * the second factors that may finish it (so every answer makes the same read, see
   * LogInHandler). Written as SQL because Prisma's `findUnique` costs several times the CPU
   * of `$queryRaw`.
   */
  async readForLogIn(username: Username): Promise<LogInRead | null> {
    const [row] = await withDatabaseErrors(
      () =>
        this.unitOfWork.executor.$queryRaw<
          Array<UserRow & { mfaEnabled: boolean | number | bigint; hasPasskey: boolean | number | bigint }>
        >`
        SELECT ${USER_COLUMNS}, totp_factors.enabled_at IS NOT NULL AS "mfaEnabled",
               EXISTS (SELECT 1 FROM passkeys WHERE passkeys.user_id = users.id) AS "hasPasskey"
        FROM users LEFT JOIN totp_factors ON totp_factors.user_id = users.id
        WHERE users.username_key = ${username.key}`,
    );
    return row
      ? { user: userToDomain(row), mfaEnabled: booleanOf(row.mfaEnabled), hasPasskey: booleanOf(row.hasPasskey) }
      : null;
  }
}

/** What a password log-in reads: the user, whether their authenticator app is on, whether they have a passkey. */
export interface LogInRead {
  user: User;
  mfaEnabled: boolean;
  hasPasskey: boolean;
}

/** A user's columns under the names the mapper reads (see UserRow). */
const USER_COLUMNS = Prisma.raw(
  [
    `users.id`,
    `users.username`,
    `users.username_key AS "usernameKey"`,
    `users.password_hash AS "passwordHash"`,
    `users.role`,
    `users.is_active AS "isActive"`,
    `users.created_at AS "createdAt"`,
    `users.updated_at AS "updatedAt"`,
    `users.version`,
  ].join(", "),
);
