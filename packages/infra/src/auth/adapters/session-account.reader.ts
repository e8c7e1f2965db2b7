import type { AccountView, UserId, UserListCriteria, UserListFilter, UserListItem, UserReader } from "@gatehouse/core";
import type { RequestCredential } from "./session-identity-provider";

/**
 * A request's user reader that answers "read the caller's own account" from the row the
 * session check (or the key check) has just read (one query per authenticated page instead of two), and
 * passes everything else to the database reader.
 */
export class SessionAccountReader implements UserReader {
  constructor(
    private readonly session: RequestCredential,
    private readonly reader: UserReader,
  ) {}

  async readAccount(id: UserId): Promise<AccountView | null> {
    const own = await this.session.account();
    return own?.id === id ? own : this.reader.readAccount(id);
  }

  readListItem(id: UserId): Promise<UserListItem | null> {
    return this.reader.readListItem(id);
  }

  listUsers(criteria: UserListCriteria): Promise<UserListItem[]> {
    return this.reader.listUsers(criteria);
  }

  countUsers(filter: UserListFilter): Promise<number> {
    return this.reader.countUsers(filter);
  }
}
