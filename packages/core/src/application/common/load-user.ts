import type { User } from "../../domain/user/user.entity";
import { UserId } from "../../domain/user/user-id.value-object";
import { UserNotFoundError } from "../errors/application-error";
import type { UserDataMapper } from "../ports/user-data-mapper.port";
import { validateFields } from "./validate-fields";

/** The user a command acts on: `userId` validated, USER_NOT_FOUND when nobody has it. */
export async function loadTargetUser(users: UserDataMapper, userId: string): Promise<User> {
  const { userId: id } = validateFields({ userId: () => UserId.create(userId) });
  const user = await users.readById(id);
  if (!user) throw new UserNotFoundError();
  return user;
}
