export const ROLE_LABELS = { super_admin: "Super admin", admin: "Admin", user: "User" } as const;

export type Role = keyof typeof ROLE_LABELS;

export function isAdministrator(role: Role): boolean {
  return role === "admin" || role === "super_admin";
}
