import { describe, expect, it } from "vitest";
import type { UserRole } from "../user/user-role";
import { MFA_REQUIREMENTS, isMfaRequirement, mfaRequiredFor, type MfaRequirement } from "./mfa-requirement";

describe("REQUIRE_MFA", () => {
  it("is none, admins or all", () => {
    expect(MFA_REQUIREMENTS).toEqual(["none", "admins", "all"]);
    for (const requirement of MFA_REQUIREMENTS) expect(isMfaRequirement(requirement)).toBe(true);
    for (const other of ["", "None", "admin", "users", "some"]) expect(isMfaRequirement(other)).toBe(false);
  });

  // Who must have two-factor authentication: the table as REQUIRE_MFA documents it.
  it.each<[MfaRequirement, UserRole, boolean]>([
    ["none", "super_admin", false],
    ["none", "admin", false],
    ["none", "user", false],
    ["admins", "super_admin", true],
    ["admins", "admin", true],
    ["admins", "user", false],
    ["all", "super_admin", true],
    ["all", "admin", true],
    ["all", "user", true],
  ])("REQUIRE_MFA=%s: must a %s have it? %s", (requirement, role, required) => {
    expect(mfaRequiredFor(requirement, role)).toBe(required);
  });
});
