import { DomainValidationError } from "../errors/domain-error";

/** From most to least powerful: `super_admin` > `admin` > `user`. */
export const USER_ROLES = ["super_admin", "admin", "user"] as const;

export type UserRole = (typeof USER_ROLES)[number];

/** Roles that can be given to a new or existing user; nobody is ever made a super admin. */
export const ASSIGNABLE_ROLES = ["admin", "user"] as const;

export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

export function isAssignableRole(value: string): value is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}

export const UserRole = {
  /** Any role, as stored or filtered on. */
  create(value: string): UserRole {
    if (!isUserRole(value)) throw new DomainValidationError(`Role must be one of ${USER_ROLES.join(", ")}.`);
    return value;
  },
  /** A role that may be given to someone. */
  assignable(value: string): AssignableRole {
    if (!isAssignableRole(value))
      throw new DomainValidationError(`Role must be one of ${ASSIGNABLE_ROLES.join(", ")}.`);
    return value;
  },
};
