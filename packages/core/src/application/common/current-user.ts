import type { User } from "../../domain/user/user.entity";
import { NotAuthenticatedError } from "../errors/application-error";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** The calling user as an entity; NOT_AUTHENTICATED when there is none or it is deactivated. */
export class CurrentUser {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly users: UserDataMapper,
  ) {}

  async get(): Promise<User> {
    const user = await this.users.readById(await this.identity.currentUserId());
    if (!user || !user.isActive) throw new NotAuthenticatedError();
    return user;
  }
}
