import type { UserRole } from "@gatehouse/api";

/** The words for each role; who may do what is the API's business. */
export const ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  super_admin: "Super admin",
  admin: "Admin",
  user: "User",
};
