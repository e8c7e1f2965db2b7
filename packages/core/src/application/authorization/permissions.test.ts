import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";
import { PermissionDeniedError } from "../errors/application-error";
import {
  ADMINISTRATOR_ROLES,
  authorize,
  canAdministerUsers,
  canManageRole,
  canManageSubordinate,
  MANAGED_ROLES,
} from "./permissions";

const world = createWorld();
const root = world.seed("root.admin", "super_admin");
const admin = world.seed("an.admin", "admin");
const user = world.seed("a.user", "user");
const other = world.seed("another.user", "user");

describe("permissions", () => {
  it("names each rule", () => {
    expect([canAdministerUsers, canManageRole, canManageSubordinate].map((rule) => rule.name)).toEqual([
      "canAdministerUsers",
      "canManageRole",
      "canManageSubordinate",
    ]);
  });

  it("states the hierarchy once: nobody manages a super admin", () => {
    expect(MANAGED_ROLES).toEqual({ super_admin: ["admin", "user"], admin: ["user"], user: [] });
    expect(Object.values(MANAGED_ROLES).flat()).not.toContain("super_admin");
  });

  it("lets admins manage only those below them", () => {
    expect(canManageSubordinate.isSatisfiedBy({ actor: user, target: other })).toBe(false);
    expect(canManageSubordinate.isSatisfiedBy({ actor: admin, target: user })).toBe(true);
    expect(canManageSubordinate.isSatisfiedBy({ actor: admin, target: root })).toBe(false);
    expect(canManageSubordinate.isSatisfiedBy({ actor: root, target: admin })).toBe(true);
  });

  it("never counts oneself as one's own subordinate", () => {
    for (const actor of [root, admin, user]) {
      expect(canManageSubordinate.isSatisfiedBy({ actor, target: actor })).toBe(false);
    }
    // not even through a row that shows oneself with a role one manages (a stale read)
    expect(canManageSubordinate.isSatisfiedBy({ actor: root, target: { id: root.id, role: "admin" } })).toBe(false);
    expect(canManageSubordinate.isSatisfiedBy({ actor: admin, target: { id: admin.id, role: "user" } })).toBe(false);
  });

  it("knows who administers users and which roles they manage", () => {
    expect(ADMINISTRATOR_ROLES).toEqual(["super_admin", "admin"]);
    expect([root, admin, user].map((actor) => canAdministerUsers.isSatisfiedBy({ actor }))).toEqual([
      true,
      true,
      false,
    ]);
    expect(canManageRole.isSatisfiedBy({ actor: root, role: "admin" })).toBe(true);
    expect(canManageRole.isSatisfiedBy({ actor: admin, role: "admin" })).toBe(false);
    expect(canManageRole.isSatisfiedBy({ actor: admin, role: "user" })).toBe(true);
  });

  it("authorize throws PermissionDeniedError when the permission is not satisfied", () => {
    expect(() => authorize(canAdministerUsers, { actor: admin })).not.toThrow();
    expect(() => authorize(canAdministerUsers, { actor: user })).toThrow(PermissionDeniedError);
  });
});
