import { DomainValidationError } from "../../domain/errors/domain-error";
import { UserRole } from "../../domain/user/user-role";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import { permittedUserActions, type UserActions } from "../authorization/user-actions";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import type { SortOrder, UserListFilter, UserListItem, UserListSort, UserReader } from "../ports/user-reader.port";
import { decodeUserListCursor, encodeUserListCursor, USER_SORT_KEYS, type UserSortKey } from "./user-list-cursor";

export interface ListUsersRequest {
  limit?: number;
  cursor?: string | null;
  sortBy?: string;
  order?: string;
  search?: string | null;
  role?: string | null;
  isActive?: boolean | null;
  includeTotal?: boolean;
}

/** A row of the users table, with what the caller may do to that user. */
export interface UserListItemWithActions extends UserListItem {
  can: UserActions;
}

export interface ListUsersResponse {
  items: UserListItemWithActions[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many users match the filter in all, when `includeTotal` was asked for. */
  total?: number;
}

export const LIST_USERS_DEFAULTS = { limit: 20, sortBy: "createdAt", order: "desc" } as const;
export const LIST_USERS_MAX_LIMIT = 100;
const MAX_SEARCH_LENGTH = 100;

/**
 * Admins page through users with a keyset cursor: each page continues strictly after the
 * last row of the previous one in (sort value, id) order, so rows are never skipped or
 * repeated, however many share a sort value, and no page costs more than the one before.
 */
export class ListUsersQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly reader: UserReader,
  ) {}

  async execute(request: ListUsersRequest = {}): Promise<ListUsersResponse> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { limit, sort, filter } = parseRequest(request);

    // One extra row tells whether another page follows.
    const rows = await this.reader.listUsers({ filter, sort, limit: limit + 1 });
    const items = rows.slice(0, limit).map((row) => ({ ...row, can: permittedUserActions(actor, row) }));
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeUserListCursor(sort.by, sort.order, last) : null;
    const response: ListUsersResponse = { items, nextCursor };
    if (request.includeTotal) response.total = await this.reader.countUsers(filter);
    return response;
  }
}

function parseRequest(request: ListUsersRequest): { limit: number; sort: UserListSort; filter: UserListFilter } {
  const { limit, sortBy, order } = validateFields({
    limit: () => parseLimit(request.limit),
    sortBy: () => oneOf(request.sortBy ?? LIST_USERS_DEFAULTS.sortBy, USER_SORT_KEYS, "Sort key"),
    order: () => oneOf(request.order ?? LIST_USERS_DEFAULTS.order, ["asc", "desc"] as const, "Order"),
  });
  const {
    cursor: sort,
    role,
    search,
  } = validateFields({
    cursor: (): UserListSort =>
      request.cursor ? decodeUserListCursor(request.cursor, sortBy, order) : { by: sortBy, order, after: null },
    role: () => (request.role == null ? null : UserRole.create(request.role)),
    search: () => parseSearch(request.search),
  });
  return { limit, sort, filter: { search, role, isActive: request.isActive ?? null } };
}

function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return LIST_USERS_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_USERS_MAX_LIMIT) {
    throw new DomainValidationError(`Limit must be a whole number from 1 to ${LIST_USERS_MAX_LIMIT}.`);
  }
  return limit;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], label: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DomainValidationError(`${label} must be one of ${allowed.join(", ")}.`);
  }
  return value as T;
}

function parseSearch(search: string | null | undefined): string | null {
  const text = search?.trim().toLowerCase() ?? "";
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new DomainValidationError(`Search must be at most ${MAX_SEARCH_LENGTH} characters.`);
  }
  return text === "" ? null : text;
}

export type { SortOrder, UserSortKey };
