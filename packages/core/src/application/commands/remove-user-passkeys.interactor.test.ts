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

describe("RemoveUserPasskeysInteractor", () => {
  it("removes every passkey of the target, ends all their sessions, bumps their version and audits it", async () => {
    world.seedPasskey(user, { name: "phone" });
    world.seedPasskey(user, { name: "laptop" });
    const adminsOwn = world.seedPasskey(admin);
    world.revoker.open(user.id);
    world.revoker.open(user.id);
    world.revoker.open(admin.id, true);
    world.clock.advance(60_000);

    expect(await world.useCases.removeUserPasskeys.execute({ userId: user.id })).toEqual({ ok: true });

    expect(world.passkeys.passkeys).toEqual([adminsOwn]);
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: world.clock.now() });
    expect(world.store.committed.get(admin.id)!.version).toBe(0);
    expect(world.revoker.sessions.map((session) => session.userId)).toEqual([admin.id]);
    expect(world.revoker.calls).toEqual([{ kind: "all", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "passkey.removed", actorId: admin.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
    expect(world.store.commits).toBe(1);
  });

  it("ends the target's sessions even when they have no passkey left to remove", async () => {
    world.revoker.open(user.id);

    await world.useCases.removeUserPasskeys.execute({ userId: user.id });
    expect(world.revoker.sessions).toEqual([]);
    expect(world.store.events).toMatchObject([{ type: "passkey.removed" }]);
  });

  it("lets the super admin remove an admin's", async () => {
    const root = world.seed("root.admin", "super_admin");
    world.seedPasskey(admin);
    world.actAs(root);

    await world.useCases.removeUserPasskeys.execute({ userId: admin.id });
    expect(world.passkeys.passkeys).toEqual([]);
  });

  it("leaves the target's authenticator app on, and them free to add passkeys again", async () => {
    world.seedTotp(user);
    world.seedPasskey(user);

    await world.useCases.removeUserPasskeys.execute({ userId: user.id });
    expect(world.mfa.factors.get(user.id)!.enabledAt).not.toBeNull();
    expect(await world.factorInventory.of(user.id)).toEqual({ totp: true, passkeys: 0 });
  });

  itRefusesAsEveryAdminCommand("removing the passkeys of", {
    run: (world, userId) => world.useCases.removeUserPasskeys.execute({ userId }),
    arrange: (world, target) => {
      world.seedPasskey(target);
      world.revoker.open(target.id);
    },
    expectUnchanged: (world, target) => {
      expect(world.passkeys.passkeys.map((passkey) => passkey.userId)).toEqual([target.id]);
      expect(world.revoker.sessions.map((session) => session.userId)).toEqual([target.id]);
    },
  });
});
