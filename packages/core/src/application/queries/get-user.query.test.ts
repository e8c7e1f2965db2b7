import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";

describe("GetUserQuery", () => {
  it("shows one user as a list item", async () => {
    const world = createWorld();
    world.actAs(world.seed("an.admin", "admin"));
    const target = world.seed("a.user", "user", false);

    expect(await world.useCases.getUser.execute({ userId: target.id })).toEqual({
      id: target.id,
      username: "a.user",
      role: "user",
      isActive: false,
      createdAt: target.createdAt,
    });
  });

  it("reports an unknown id and names a malformed one", async () => {
    const world = createWorld();
    world.actAs(world.seed("an.admin", "admin"));

    await expect(world.useCases.getUser.execute({ userId: "01900000-0000-7000-8000-000000000000" })).rejects.toMatchObject({
      code: "USER_NOT_FOUND",
    });
    await expect(world.useCases.getUser.execute({ userId: "me" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
  });
});
