import type { AccountView, UserId, UserListCriteria, UserListFilter, UserListItem, UserReader } from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { userToAccountView, userToListItem, type ListItemRow } from "../persistence/user.mapper";
import { countUsersSql, listUsersSql, type ListRoute } from "./user-list.sql";
import type { UserSearchStrategy } from "./user-search.strategy";

/**
 * The query side: hand-written SQL (user-list.sql.ts) returning query models. Lists use keyset
 * pagination on the indexes (username_key, id) and (created_at, id): each page is one index
 * seek from the previous page's last row, never an OFFSET scan. Search text is a literal
 * substring of the lower-cased username (LIKE with its wildcards escaped); a trigram index
 * (FTS5 on SQLite, pg_trgm on PostgreSQL) finds rare terms without reading every row, read as
 * the database's search strategy says.
 */
export class PrismaUserReader implements UserReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly search: UserSearchStrategy,
  ) {}

  async readAccount(id: UserId): Promise<AccountView | null> {
    const row = await withDatabaseErrors(() =>
      this.prisma.user.findUnique({
        where: { id },
        select: { id: true, username: true, role: true, isActive: true, createdAt: true },
      }),
    );
    return row ? userToAccountView(row) : null;
  }

  async readListItem(id: UserId): Promise<UserListItem | null> {
    const row = await withDatabaseErrors(() =>
      this.prisma.user.findUnique({
        where: { id },
        select: {
          id: true,
          username: true,
          role: true,
          isActive: true,
          createdAt: true,
          lastLogInAt: true,
          totpFactor: { select: { enabledAt: true } },
        },
      }),
    );
    return row ? userToListItem({ ...row, mfaEnabled: row.totpFactor?.enabledAt != null }) : null;
  }

  async listUsers(criteria: UserListCriteria): Promise<UserListItem[]> {
    const { search } = criteria.filter;
    let route: ListRoute = { kind: "keyset" };
    if (search !== null) {
      const entries = await this.search.pageEntries(search, criteria.limit);
      route = entries ? { kind: "matches", entries } : { kind: "ordered" };
    }
    const rows = await withDatabaseErrors(() => this.prisma.$queryRaw<ListItemRow[]>(listUsersSql(criteria, route)));
    return rows.map(userToListItem);
  }

  async countUsers(filter: UserListFilter): Promise<number> {
    const entries = filter.search === null ? null : await this.search.countEntries(filter.search);
    const [row] = await withDatabaseErrors(() =>
      this.prisma.$queryRaw<Array<{ total: number | bigint }>>(countUsersSql(filter, entries)),
    );
    return Number(row?.total ?? 0);
  }
}
