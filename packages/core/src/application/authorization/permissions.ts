import type { User } from "../../domain/user/user.entity";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import { PermissionDeniedError } from "../errors/application-error";

/** A rule that a context satisfies or not. */
export interface Permission<Context> {
  readonly name: string;
  isSatisfiedBy(context: Context): boolean;
}

/** Who acts. */
export interface ActorContext {
  actor: User;
}

/** Who acts on whom: the target is an entity (commands) or a row of the users table (queries). */
export interface UserManagementContext extends ActorContext {
  target: Pick<User, "id" | "role">;
}

/** Who acts on users of which role (creating one, or giving or taking a role). */
export interface RoleManagementContext extends ActorContext {
  role: UserRole;
}

/** The hierarchy: which roles each role manages. Nobody manages a super admin. */
export const MANAGED_ROLES: Readonly<Record<UserRole, readonly UserRole[]>> = {
  super_admin: ["admin", "user"],
  admin: ["user"],
  user: [],
};

function permission<Context>(name: string, isSatisfiedBy: (context: Context) => boolean): Permission<Context> {
  return { name, isSatisfiedBy };
}

/** The roles that administer users: those that manage some role (admins and the super admin). */
export const ADMINISTRATOR_ROLES: readonly UserRole[] = USER_ROLES.filter((role) => MANAGED_ROLES[role].length > 0);

/** The actor administers users at all. */
export const canAdministerUsers = permission<ActorContext>("canAdministerUsers", ({ actor }) =>
  ADMINISTRATOR_ROLES.includes(actor.role),
);

/** The actor manages users of this role (super admin: admins and users; admin: users). */
export const canManageRole = permission<RoleManagementContext>("canManageRole", ({ actor, role }) =>
  MANAGED_ROLES[actor.role].includes(role),
);

/** The target's role is below the actor's. Never true for oneself, whose role is not below one's own. */
export const canManageSubordinate = permission<UserManagementContext>(
  "canManageSubordinate",
  ({ actor, target }) => actor.id !== target.id && MANAGED_ROLES[actor.role].includes(target.role),
);

/** Throws `PermissionDeniedError` unless `context` satisfies `permission`. */
export function authorize<Context>(permission: Permission<Context>, context: Context): void {
  if (!permission.isSatisfiedBy(context)) throw new PermissionDeniedError();
}
