import { NotAuthenticatedError } from "../errors/application-error";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { AccountView, UserReader } from "../ports/user-reader.port";

/** The caller's own account. */
export class CurrentAccountQuery {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly reader: UserReader,
  ) {}

  async execute(): Promise<AccountView> {
    const id = await this.identity.currentUserId();
    const account = await this.reader.readAccount(id);
    // A session can outlive its user only for the instant of a race; treat it as logged out.
    if (!account) throw new NotAuthenticatedError();
    return account;
  }
}
