import { beforeEach, describe, expect, it } from "vitest";
import { adminAndUser, itRefusesAsEveryAdminCommand } from "../../../test/admin-command-fixture";
import type { World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let admin: User;
let user: User;

beforeEach(() => {
  ({ world, admin, user } = adminAndUser());
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

  itRefusesAsEveryAdminCommand("looking at the keys of", {
    run: (world, userId) => world.useCases.userApiKeys.execute({ userId }),
    arrange: (world, target) => void world.seedApiKey(target),
  });
});
