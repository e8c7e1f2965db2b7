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

describe("UserPasskeysQuery", () => {
  it("lists the target's passkeys newest first, as the owner sees them", async () => {
    const older = world.seedPasskey(user, { name: "phone", backedUp: true });
    const newer = world.seedPasskey(user, { name: "laptop" });
    world.seedPasskey(admin, { name: "the admin's own" });
    const lastUsedAt = world.clock.now();
    older.lastUsedAt = lastUsedAt;

    const passkeys = await world.useCases.userPasskeys.execute({ userId: user.id });

    expect(passkeys).toEqual([
      { id: newer.id, name: "laptop", createdAt: newer.createdAt, lastUsedAt: null, backedUp: false },
      { id: older.id, name: "phone", createdAt: older.createdAt, lastUsedAt, backedUp: true },
    ]);
    world.actAs(user);
    expect(passkeys).toEqual(await world.useCases.myPasskeys.execute());
  });

  it("lets the super admin see an admin's", async () => {
    const root = world.seed("root.admin", "super_admin");
    const passkey = world.seedPasskey(admin);
    world.actAs(root);

    expect((await world.useCases.userPasskeys.execute({ userId: admin.id })).map((view) => view.id)).toEqual([
      passkey.id,
    ]);
  });

  itRefusesAsEveryAdminCommand("looking at the passkeys of", {
    run: (world, userId) => world.useCases.userPasskeys.execute({ userId }),
    arrange: (world, target) => void world.seedPasskey(target),
  });
});
