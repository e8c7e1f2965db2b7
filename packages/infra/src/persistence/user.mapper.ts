import { User, Username, isUserRole, type PasswordHash, type UserId } from "@gatehouse/core";
import type { User as UserRow } from "../generated/sqlite/client";

/** A database row back into the domain entity. */
export function userToDomain(row: UserRow): User {
  if (!isUserRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}".`);
  return new User({
    id: row.id as UserId,
    username: Username.create(row.username),
    passwordHash: row.passwordHash as PasswordHash,
    role: row.role,
    isActive: row.isActive,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  });
}

/** The domain entity as a row to write. */
export function userToPersistence(user: User): UserRow {
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
