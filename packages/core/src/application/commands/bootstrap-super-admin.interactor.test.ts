import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";

describe("BootstrapSuperAdminInteractor", () => {
  it("makes the first super admin, active, with a hashed password", async () => {
    const world = createWorld();
    world.seed("someone.else");

    const { id } = await world.useCases.bootstrapSuperAdmin.execute({
      username: "Root.Admin",
      password: "correct horse",
    });

    expect(world.store.committed.get(id)).toMatchObject({
      role: "super_admin",
      isActive: true,
      passwordHash: "hashed:correct horse",
    });
    // audited as a creation by nobody: there was no one to act
    expect(world.store.events.map((e) => [e.type, e.actorId, e.targetId])).toEqual([["user.created", null, id]]);
  });

  it("refuses a second super admin", async () => {
    const world = createWorld();
    await world.useCases.bootstrapSuperAdmin.execute({ username: "root.admin", password: "correct horse" });

    await expect(
      world.useCases.bootstrapSuperAdmin.execute({ username: "another.root", password: "correct horse" }),
    ).rejects.toMatchObject({
      code: "SUPER_ADMIN_EXISTS",
      message: "A super admin already exists; there can be only one.",
    });
    expect(world.store.committed.size).toBe(1);
  });

  it("names invalid fields and refuses a taken username", async () => {
    const world = createWorld();
    world.seed("taken.name");
    await expect(
      world.useCases.bootstrapSuperAdmin.execute({ username: "x", password: "short" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: {
        username: ["Username must be 5–20 characters long."],
        password: ["Password must be 8–128 characters long."],
      },
    });
    await expect(
      world.useCases.bootstrapSuperAdmin.execute({ username: "TAKEN.name", password: "correct horse" }),
    ).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
  });
});
