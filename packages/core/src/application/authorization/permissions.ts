import type { User } from "../../domain/user/user.entity";
import type { UserRole } from "../../domain/user/user-role";
import { PermissionDeniedError } from "../errors/application-error";

/** A rule that a context satisfies or not. Permissions compose with `anyOf` and `allOf`. */
export interface Permission<Context> {
  readonly name: string;
  isSatisfiedBy(context: Context): boolean;
}

/** Who acts. */
export interface ActorContext {
  actor: User;
}

/** Who acts on whom. */
export interface UserManagementContext extends ActorContext {
  target: User;
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

export function anyOf<Context>(...permissions: Permission<Context>[]): Permission<Context> {
  return permission(`anyOf(${permissions.map((p) => p.name).join(", ")})`, (context) =>
    permissions.some((p) => p.isSatisfiedBy(context)),
  );
}

export function allOf<Context>(...permissions: Permission<Context>[]): Permission<Context> {
  return permission(`allOf(${permissions.map((p) => p.name).join(", ")})`, (context) =>
    permissions.every((p) => p.isSatisfiedBy(context)),
  );
}

/** The actor manages some role at all: admins and the super admin. */
export const canAdministerUsers = permission<ActorContext>(
  "canAdministerUsers",
  ({ actor }) => MANAGED_ROLES[actor.role].length > 0,
);

/** The actor manages users of this role (super admin: admins and users; admin: users). */
export const canManageRole = permission<RoleManagementContext>("canManageRole", ({ actor, role }) =>
  MANAGED_ROLES[actor.role].includes(role),
);

/** The target is the actor. */
export const canManageSelf = permission<UserManagementContext>(
  "canManageSelf",
  ({ actor, target }) => actor.id === target.id,
);

/** The target's role is below the actor's. Never true for oneself, whose role is not below one's own. */
export const canManageSubordinate = permission<UserManagementContext>(
  "canManageSubordinate",
  ({ actor, target }) => actor.id !== target.id && MANAGED_ROLES[actor.role].includes(target.role),
);

/** Users manage themselves; admins and the super admin also manage those below them. */
export const canManageUser = anyOf(canManageSelf, canManageSubordinate);

/** Throws `PermissionDeniedError` unless `context` satisfies `permission`. */
export function authorize<Context>(permission: Permission<Context>, context: Context): void {
  if (!permission.isSatisfiedBy(context)) throw new PermissionDeniedError();
}
