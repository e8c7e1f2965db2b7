import type { AccountView, UserId, UserReader } from "@gatehouse/core";
import { isUserRole } from "@gatehouse/core";
import type { PrismaClient } from "../generated/prisma/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** The query side: selects only the columns a screen shows and returns query models. */
export class PrismaUserReader implements UserReader {
  constructor(private readonly prisma: PrismaClient) {}

  async readAccount(id: UserId): Promise<AccountView | null> {
    const row = await withDatabaseErrors(() =>
      this.prisma.user.findUnique({
        where: { id },
        select: { id: true, username: true, role: true, isActive: true, createdAt: true },
      }),
    );
    if (!row) return null;
    if (!isUserRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}".`);
    return { ...row, id: row.id as UserId, role: row.role };
  }
}
