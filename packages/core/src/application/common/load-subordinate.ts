import type { User } from "../../domain/user/user.entity";
import { UserId } from "../../domain/user/user-id.value-object";
import { authorize, canManageSubordinate } from "../authorization/permissions";
import { UserNotFoundError } from "../errors/application-error";
import type { UserDataMapper } from "../ports/user-data-mapper.port";
import { validateFields } from "./validate-fields";

/**
 * The user an admin's command acts on, checked in the order every such command answers:
 * `userId` validated (VALIDATION_FAILED), USER_NOT_FOUND when nobody has it, then the
 * target's own refusal when the command has one (`targetAllows`, such as the super admin's
 * ROLE_CHANGE_NOT_PERMITTED), then PERMISSION_DENIED unless the target is below the actor.
 * The actor's own permission is the command's to check, before calling this.
 */
export async function loadSubordinate(
  users: UserDataMapper,
  actor: User,
  userId: string,
  targetAllows: (target: User) => void = () => {},
): Promise<User> {
  const { userId: id } = validateFields({ userId: () => UserId.create(userId) });
  const target = await users.readById(id);
  if (!target) throw new UserNotFoundError();
  targetAllows(target);
  authorize(canManageSubordinate, { actor, target });
  return target;
}
