import type { UserRole } from "../user/user-role";

/** Who must have a second factor (REQUIRE_MFA): nobody, administrators, or everyone. */
export const MFA_REQUIREMENTS = ["none", "admins", "all"] as const;
export type MfaRequirement = (typeof MFA_REQUIREMENTS)[number];

export function isMfaRequirement(value: string): value is MfaRequirement {
  return (MFA_REQUIREMENTS as readonly string[]).includes(value);
}

/** Whether a user of `role` must have two-factor authentication under `requirement`. */
export function mfaRequiredFor(requirement: MfaRequirement, role: UserRole): boolean {
  if (requirement === "all") return true;
  if (requirement === "admins") return role !== "user";
  return false;
}
