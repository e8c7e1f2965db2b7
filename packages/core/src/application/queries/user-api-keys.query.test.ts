import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, worldOfEveryRole, type TargetKind, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";
import type { UserRole } from "../../domain/user/user-role";

let world: World;
let admin: User;
let user: User;

beforeEach(() => {
  world = createWorld();
  admin = world.seed("an.admin", "admin");
  user = world.seed("a.user", "user");
  world.actAs(admin);
});

describe("UserApiKeysQuery", () => {
  it("lists the target's live keys newest first, as the owner sees them", async () => {
    const older = world.seedApiKey(user, { name: "old" });
    world.seedApiKey(user, { name: "revoked" }).revokedAt = world.clock.now();
    const newer = world.seedApiKey(user, { name: "new", scope: "read" });
    world.seedApiKey(admin, { name: "the admin's own" });

    const keys = await world.useCases.userApiKeys.execute({ userId: user.id });

    expect(keys.map((key) => key.id)).toEqual([newer.id, older.id]);
    world.actAs(user);
    expect(keys).toEqual(await world.useCases.myApiKeys.execute());
  });

  it("lets the super admin see an admin's keys", async () => {
    const root = world.seed("root.admin", "super_admin");
    const key = world.seedApiKey(admin);
    world.actAs(root);

    expect((await world.useCases.userApiKeys.execute({ userId: admin.id })).map((view) => view.id)).toEqual([key.id]);
  });

  it.each<[UserRole, TargetKind]>([
    ["user", "a user"],
    ["user", "self"],
    ["admin", "the super admin"],
    ["admin", "an admin"],
    ["admin", "self"],
    ["super_admin", "self"],
  ])("refuses a caller of role %s looking at the keys of %s", async (actorRole, targetKind) => {
    const { world, targets } = worldOfEveryRole(actorRole);
    world.seedApiKey(targets[targetKind]);

    await expect(world.useCases.userApiKeys.execute({ userId: targets[targetKind].id })).rejects.toMatchObject({
      code: "PERMISSION_DENIED",
    });
  });

  it("reports an unknown user, and names an invalid id", async () => {
    await expect(
      world.useCases.userApiKeys.execute({ userId: "01900000-0000-7000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(world.useCases.userApiKeys.execute({ userId: "42" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
  });

  it("is refused to an admin REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "admins" });
    admin = world.seed("an.admin", "admin");
    user = world.seed("a.user", "user");
    world.actAs(admin);

    await expect(world.useCases.userApiKeys.execute({ userId: user.id })).rejects.toMatchObject({
      code: "MFA_ENROLMENT_REQUIRED",
    });
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.userApiKeys.execute({ userId: user.id })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
  });
});
