import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { UserId } from "./user-id.value-object";
import { isAssignableRole, isUserRole, UserRole } from "./user-role";

describe("UserRole", () => {
  it("knows the three roles, of which two can be given", () => {
    expect(["super_admin", "admin", "user"].map(isUserRole)).toEqual([true, true, true]);
    expect(["super_admin", "admin", "user"].map(isAssignableRole)).toEqual([false, true, true]);
    expect(isUserRole("root")).toBe(false);
  });

  it("validates roles with a message naming the choices", () => {
    expect(UserRole.create("admin")).toBe("admin");
    expect(UserRole.assignable("user")).toBe("user");
    expect(() => UserRole.create("root")).toThrow("Role must be one of super_admin, admin, user.");
    expect(() => UserRole.assignable("super_admin")).toThrow("Role must be one of admin, user.");
  });
});

describe("UserId", () => {
  it("accepts a UUID in any case and keeps it in lower case", () => {
    expect(UserId.create(" 0190F0E4-1234-7ABC-8DEF-0123456789AB ")).toBe("0190f0e4-1234-7abc-8def-0123456789ab");
  });

  it.each([
    "",
    "42",
    "not-a-uuid",
    "0190f0e4-1234-7abc-8def-0123456789abc",
    "x0190f0e4-1234-7abc-8def-0123456789ab",
    "0190f0e412347abc8def0123456789ab",
  ])("rejects %j", (value) => {
    expect(() => UserId.create(value)).toThrow(DomainValidationError);
    expect(() => UserId.create(value)).toThrow("User id must be a UUID.");
  });
});
