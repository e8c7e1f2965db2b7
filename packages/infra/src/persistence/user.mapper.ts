import {
  User,
  Username,
  isUserRole,
  type AccountView,
  type UserListItem,
  type PasswordHash,
  type UserId,
  type UserRole,
} from "@gatehouse/core";
import type { User as PrismaUserRow } from "../generated/sqlite/client";

/**
 * The one mapper of `users` rows: every read of a user, whether through Prisma's ORM,
 * `$queryRaw` or the session check's prepared statement, becomes a domain `User` or a query
 * model here, and every write of one is made here.
 */

/**
 * A `users` row as a read returns it. Prisma's ORM gives booleans, Dates and numbers; raw
 * SQL gives what the driver gives (SQLite: 0/1 and ISO-8601 text; integers may be bigint),
 * so the columns whose type differs are read defensively.
 */
export interface UserRow {
  id: string;
  username: string;
  usernameKey: string;
  passwordHash: string;
  role: string;
  isActive: boolean | number | bigint;
  createdAt: Date | string;
  updatedAt: Date | string;
  version: number | bigint;
  lastLogInAt?: Date | string | null;
}

/** The columns of a `users` row that an account view needs. */
export type AccountRow = Pick<UserRow, "id" | "username" | "role" | "isActive" | "createdAt">;

/** ... and a row of the users table (a list item). */
export type ListItemRow = AccountRow & {
  lastLogInAt: Date | string | null;
  /** Whether two-factor is on: a boolean, or SQLite's 0/1. */
  mfaEnabled: boolean | number | bigint;
};

/** A row back into the domain entity. */
export function userToDomain(row: UserRow): User {
  return new User({
    id: row.id as UserId,
    username: Username.create(row.username),
    passwordHash: row.passwordHash as PasswordHash,
    role: roleOf(row),
    isActive: booleanOf(row.isActive),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    version: Number(row.version),
  });
}

/** The domain entity as a row to write. The last log-in is not the entity's: log-ins write it (setSession). */
export function userToPersistence(user: User): Omit<PrismaUserRow, "lastLogInAt"> {
  return {
    id: user.id,
    username: user.username.value,
    usernameKey: user.username.key,
    passwordHash: user.passwordHash,
    role: user.role,
    isActive: user.isActive,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}

/** A row as the query model of an account (what `account.me` shows, one item of a list). */
export function userToAccountView(row: AccountRow): AccountView {
  return {
    id: row.id as UserId,
    username: row.username,
    role: roleOf(row),
    isActive: booleanOf(row.isActive),
    createdAt: new Date(row.createdAt),
  };
}

/** A row as one item of the users table. */
export function userToListItem(row: ListItemRow): UserListItem {
  return {
    ...userToAccountView(row),
    lastLogInAt: row.lastLogInAt === null ? null : new Date(row.lastLogInAt),
    mfaEnabled: booleanOf(row.mfaEnabled),
  };
}

function roleOf(row: Pick<UserRow, "id" | "role">): UserRole {
  if (!isUserRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}".`);
  return row.role;
}

/** `true`, or SQLite's 1 (a number or, from some drivers, a bigint). */
export function booleanOf(value: boolean | number | bigint): boolean {
  return Boolean(Number(value));
}
