import { describe, expect, it } from "vitest";

// The module is imported inside the test, not at the top: a hierarchy broken so badly that
// the module cannot even load must fail a test, not just stop the file from running (a file
// that fails to load runs no test, and mutation testing counts no failure for it).
describe("the role hierarchy", () => {
  it("loads, and states who manages whom", async () => {
    const { ADMINISTRATOR_ROLES, MANAGED_ROLES } = await import("./permissions");
    expect(MANAGED_ROLES).toEqual({ super_admin: ["admin", "user"], admin: ["user"], user: [] });
    expect(ADMINISTRATOR_ROLES).toEqual(["super_admin", "admin"]);
  });
});
