export const USER_ROLES = ["super_admin", "admin", "user"] as const;

/** `super_admin` > `admin` > `user`. */
export type UserRole = (typeof USER_ROLES)[number];

/** Roles that can be given to a new or existing user; nobody is ever made a super admin. */
export type AssignableRole = Exclude<UserRole, "super_admin">;

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}
