import { describe, expect, it } from "vitest";
import { makeUser } from "../../../test/domain-fakes";
import { ActivationChangeNotPermittedError, RoleChangeNotPermittedError } from "../errors/domain-error";
import type { PasswordHash } from "./user.entity";

const later = new Date("2026-06-01T00:00:00.000Z");

describe("User", () => {
  it("changes role and activation, reporting whether anything changed", () => {
    const user = makeUser("plain.user");

    expect(user.changeRole("admin", later)).toBe(true);
    expect(user.role).toBe("admin");
    expect(user.updatedAt).toEqual(later);
    expect(user.changeRole("admin", new Date())).toBe(false);
    expect(user.updatedAt).toEqual(later); // an idempotent repeat touches nothing

    expect(user.changeActivation(false, later)).toBe(true);
    expect(user.isActive).toBe(false);
    expect(user.changeActivation(false, later)).toBe(false);
  });

  it("never changes a super admin's role or activation", () => {
    const root = makeUser("root.admin", "super_admin");

    expect(() => root.changeRole("user", later)).toThrow(RoleChangeNotPermittedError);
    expect(() => root.changeRole("admin", later)).toThrow(RoleChangeNotPermittedError);
    expect(() => root.changeActivation(false, later)).toThrow(ActivationChangeNotPermittedError);
    expect(() => root.changeActivation(true, later)).toThrow(ActivationChangeNotPermittedError);
    expect(root.role).toBe("super_admin");
    expect(root.isActive).toBe(true);
    expect(root.isSuperAdmin).toBe(true);
  });

  it("changes its password hash", () => {
    const user = makeUser("plain.user");
    user.changePasswordHash("hashed:new" as PasswordHash, later);
    expect(user.passwordHash).toBe("hashed:new");
    expect(user.updatedAt).toEqual(later);
  });
});
