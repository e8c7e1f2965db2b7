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

describe("RevokeUserApiKeysInteractor", () => {
  it("revokes every key of the target in one transaction, leaves others' keys live, and audits it", async () => {
    const theirs = [world.seedApiKey(user), world.seedApiKey(user, { scope: "read", days: 1 })];
    const adminsOwn = world.seedApiKey(admin);
    world.clock.advance(2 * 86_400_000); // one of theirs has expired: it is revoked all the same

    expect(await world.useCases.revokeUserApiKeys.execute({ userId: user.id })).toEqual({ ok: true });

    expect(theirs.map((key) => key.revokedAt)).toEqual([world.clock.now(), world.clock.now()]);
    expect(adminsOwn.revokedAt).toBeNull();
    expect(world.store.commits).toBe(1);
    expect(world.store.events).toMatchObject([{ type: "api_key.revoked", actorId: admin.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
  });

  it("keeps when a key was revoked before", async () => {
    const earlier = world.seedApiKey(user);
    const revokedAt = world.clock.now();
    earlier.revokedAt = revokedAt;
    world.clock.advance(60_000);

    await world.useCases.revokeUserApiKeys.execute({ userId: user.id });
    expect(earlier.revokedAt).toEqual(revokedAt);
  });

  it("lets the super admin revoke an admin's keys", async () => {
    const root = world.seed("root.admin", "super_admin");
    const key = world.seedApiKey(admin);
    world.actAs(root);

    await world.useCases.revokeUserApiKeys.execute({ userId: admin.id });
    expect(key.revokedAt).toEqual(world.clock.now());
  });

  itRefusesAsEveryAdminCommand("revoking the keys of", {
    run: (world, userId) => world.useCases.revokeUserApiKeys.execute({ userId }),
    arrange: (world, target) => void world.seedApiKey(target),
    expectUnchanged: (world, target) => {
      expect(world.apiKeys.keys.map(({ userId, revokedAt }) => ({ userId, revokedAt }))).toEqual([
        { userId: target.id, revokedAt: null },
      ]);
    },
  });
});
