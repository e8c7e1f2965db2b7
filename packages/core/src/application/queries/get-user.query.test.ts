import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";
import { permittedUserActions } from "../authorization/user-actions";

describe("GetUserQuery", () => {
  it("shows one user as a list item", async () => {
    const world = createWorld();
    world.actAs(world.seed("an.admin", "admin"));
    const target = world.seed("a.user", "user", false);
    const lastLogIn = new Date("2026-03-04T05:06:07.000Z");
    world.store.lastLogIns.set(target.id, lastLogIn);

    expect(await world.useCases.getUser.execute({ userId: target.id })).toEqual({
      id: target.id,
      username: "a.user",
      role: "user",
      isActive: false,
      createdAt: target.createdAt,
      lastLogInAt: lastLogIn,
      can: {
        setPassword: true,
        grantAdmin: false,
        revokeAdmin: false,
        activate: true,
        deactivate: true,
        viewSessions: true,
        endSessions: true,
        resetMfa: true,
      },
    });
  });

  it("says what the caller may do to that user, by core's permissions", async () => {
    const world = createWorld();
    const root = world.seed("root.admin", "super_admin");
    const admin = world.seed("an.admin", "admin");
    world.actAs(admin);

    const { can } = await world.useCases.getUser.execute({ userId: root.id });

    expect(can).toEqual(permittedUserActions(admin, root));
    expect(Object.values(can).some(Boolean)).toBe(false);
  });

  it("reports an unknown id and names a malformed one", async () => {
    const world = createWorld();
    world.actAs(world.seed("an.admin", "admin"));

    await expect(
      world.useCases.getUser.execute({ userId: "01900000-0000-7000-8000-000000000000" }),
    ).rejects.toMatchObject({
      code: "USER_NOT_FOUND",
    });
    await expect(world.useCases.getUser.execute({ userId: "me" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
  });
});
