import {
  isUserRole,
  type AccountView,
  type UserId,
  type UserListCriteria,
  type UserListFilter,
  type UserListItem,
  type UserReader,
} from "@gatehouse/core";
import { Prisma, type PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";

interface ListItemRow {
  id: string;
  username: string;
  role: string;
  isActive: boolean | number | bigint;
  createdAt: Date | string;
}

function toListItem(row: ListItemRow): UserListItem {
  if (!isUserRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}".`);
  return {
    id: row.id as UserId,
    username: row.username,
    role: row.role,
    isActive: Boolean(Number(row.isActive)),
    createdAt: new Date(row.createdAt),
  };
}

/** `text` as a LIKE pattern that matches it literally anywhere ('_' and '%' are wildcards otherwise). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * SQLite keeps Prisma DateTimes as ISO-8601 text with a "+00:00" offset; a keyset bound must
 * be written the same way to compare correctly (equal instants must compare equal).
 */
function timestampParameter(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function whereFilter(filter: UserListFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.search !== null) conditions.push(Prisma.sql`username_key LIKE ${containsPattern(filter.search)} ESCAPE '\\'`);
  if (filter.role !== null) conditions.push(Prisma.sql`role = ${filter.role}`);
  if (filter.isActive !== null) conditions.push(Prisma.sql`is_active = ${filter.isActive}`);
  return conditions;
}

function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/**
 * The query side: hand-written SQL returning query models. Lists use keyset pagination on
 * the indexes (username_key, id) and (created_at, id): each page is one index seek from
 * the previous page's last row, never an OFFSET scan.
 */
export class PrismaUserReader implements UserReader {
  constructor(private readonly prisma: PrismaClient) {}

  async readAccount(id: UserId): Promise<AccountView | null> {
    const row = await withDatabaseErrors(() =>
      this.prisma.user.findUnique({
        where: { id },
        select: { id: true, username: true, role: true, isActive: true, createdAt: true },
      }),
    );
    return row ? toListItem(row) : null;
  }

  async listUsers({ filter, sort, limit }: UserListCriteria): Promise<UserListItem[]> {
    // Column and direction come from closed sets, never from input text.
    const column = Prisma.raw(sort.by === "username" ? "username_key" : "created_at");
    const direction = Prisma.raw(sort.order === "asc" ? "ASC" : "DESC");
    const conditions = whereFilter(filter);
    if (sort.after) {
      const value = "usernameKey" in sort.after ? sort.after.usernameKey : timestampParameter(sort.after.createdAt);
      const beyond = Prisma.raw(sort.order === "asc" ? ">" : "<");
      conditions.push(Prisma.sql`(${column}, id) ${beyond} (${value}, ${sort.after.id})`);
    }
    const rows = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<ListItemRow[]>`
        SELECT id, username, role, is_active AS "isActive", created_at AS "createdAt"
        FROM users
        ${whereClause(conditions)}
        ORDER BY ${column} ${direction}, id ${direction}
        LIMIT ${limit}`,
    );
    return rows.map(toListItem);
  }

  async countUsers(filter: UserListFilter): Promise<number> {
    const [row] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ total: number | bigint }>>`
        SELECT COUNT(*) AS total FROM users ${whereClause(whereFilter(filter))}`,
    );
    return Number(row?.total ?? 0);
  }
}
