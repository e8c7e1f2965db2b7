import { UserId } from "../../domain/user/user-id.value-object";
import { authorize, canAdministerUsers } from "../authorization/permissions";
import { permittedUserActions } from "../authorization/user-actions";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import { UserNotFoundError } from "../errors/application-error";
import type { UserReader } from "../ports/user-reader.port";
import type { UserListItemWithActions } from "./list-users.query";

/** An admin looks at one user, as a row of the users table (with what the admin may do to them). */
export class GetUserQuery {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly reader: UserReader,
  ) {}

  async execute(request: { userId: string }): Promise<UserListItemWithActions> {
    const actor = await this.currentUser.get();
    authorize(canAdministerUsers, { actor });
    const { userId } = validateFields({ userId: () => UserId.create(request.userId) });
    const user = await this.reader.readListItem(userId);
    if (!user) throw new UserNotFoundError();
    return { ...user, can: permittedUserActions(actor, user) };
  }
}
