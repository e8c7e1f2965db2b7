import type { User } from "../../domain/user/user.entity";
import { canAdministerUsers, canManageRole, canManageSubordinate, type UserManagementContext } from "./permissions";

/**
 * What a caller may do to one user, one flag per procedure: true exactly when that procedure
 * would not be refused for authorization. Whether it would change anything is not asked
 * (granting admin to an admin is allowed, and changes nothing).
 */
export interface UserActions {
  setPassword: boolean;
  grantAdmin: boolean;
  revokeAdmin: boolean;
  activate: boolean;
  deactivate: boolean;
  viewSessions: boolean;
  endSessions: boolean;
  resetMfa: boolean;
}

/**
 * The actions `actor` may take on `target`, by the same permissions the commands check.
 * A super admin's role and activation never change (the entity's rule); no flag needs to say
 * so, since nobody manages a super admin.
 */
export function permittedUserActions(actor: User, target: UserManagementContext["target"]): UserActions {
  const managesTarget =
    canAdministerUsers.isSatisfiedBy({ actor }) && canManageSubordinate.isSatisfiedBy({ actor, target });
  const managesAdmins = canManageRole.isSatisfiedBy({ actor, role: "admin" });
  return {
    setPassword: managesTarget,
    grantAdmin: managesAdmins && managesTarget,
    revokeAdmin: managesAdmins && managesTarget,
    activate: managesTarget,
    deactivate: managesTarget,
    viewSessions: managesTarget,
    endSessions: managesTarget,
    resetMfa: managesTarget,
  };
}
