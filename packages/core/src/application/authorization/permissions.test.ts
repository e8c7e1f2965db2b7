import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";
import { PermissionDeniedError } from "../errors/application-error";
import {
  allOf,
  anyOf,
  authorize,
  canAdministerUsers,
  canManageRole,
  canManageSelf,
  canManageSubordinate,
  canManageUser,
  MANAGED_ROLES,
} from "./permissions";

const world = createWorld();
const root = world.seed("root.admin", "super_admin");
const admin = world.seed("an.admin", "admin");
const user = world.seed("a.user", "user");
const other = world.seed("another.user", "user");

describe("permissions", () => {
  it("states the hierarchy once: nobody manages a super admin", () => {
    expect(MANAGED_ROLES).toEqual({ super_admin: ["admin", "user"], admin: ["user"], user: [] });
    expect(Object.values(MANAGED_ROLES).flat()).not.toContain("super_admin");
  });

  it("lets users manage only themselves, and admins those below them", () => {
    expect(canManageUser.isSatisfiedBy({ actor: user, target: user })).toBe(true);
    expect(canManageUser.isSatisfiedBy({ actor: user, target: other })).toBe(false);
    expect(canManageUser.isSatisfiedBy({ actor: admin, target: user })).toBe(true);
    expect(canManageUser.isSatisfiedBy({ actor: admin, target: root })).toBe(false);
    expect(canManageUser.isSatisfiedBy({ actor: root, target: admin })).toBe(true);
  });

  it("never counts oneself as one's own subordinate", () => {
    for (const actor of [root, admin, user]) {
      expect(canManageSubordinate.isSatisfiedBy({ actor, target: actor })).toBe(false);
      expect(canManageSelf.isSatisfiedBy({ actor, target: actor })).toBe(true);
    }
  });

  it("knows who administers users and which roles they manage", () => {
    expect([root, admin, user].map((actor) => canAdministerUsers.isSatisfiedBy({ actor }))).toEqual([true, true, false]);
    expect(canManageRole.isSatisfiedBy({ actor: root, role: "admin" })).toBe(true);
    expect(canManageRole.isSatisfiedBy({ actor: admin, role: "admin" })).toBe(false);
    expect(canManageRole.isSatisfiedBy({ actor: admin, role: "user" })).toBe(true);
  });

  it("composes with anyOf and allOf, and names the composition", () => {
    const both = allOf(canManageSubordinate, canManageUser);
    expect(both.isSatisfiedBy({ actor: admin, target: user })).toBe(true);
    expect(both.isSatisfiedBy({ actor: user, target: user })).toBe(false);
    expect(anyOf(canManageSelf, canManageSubordinate).name).toBe("anyOf(canManageSelf, canManageSubordinate)");
    expect(both.name).toBe("allOf(canManageSubordinate, anyOf(canManageSelf, canManageSubordinate))");
  });

  it("authorize throws PermissionDeniedError when the permission is not satisfied", () => {
    expect(() => authorize(canAdministerUsers, { actor: admin })).not.toThrow();
    expect(() => authorize(canAdministerUsers, { actor: user })).toThrow(PermissionDeniedError);
  });
});
