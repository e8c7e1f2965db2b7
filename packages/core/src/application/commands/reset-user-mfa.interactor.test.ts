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

describe("ResetUserMfaInteractor", () => {
  it("removes the target's factor and recovery codes, ends all their sessions and log-ins, and audits it", async () => {
    world.seedTotp(user);
    world.seedTotp(admin);
    await world.challenges.issue(user);
    world.revoker.open(user.id);
    world.revoker.open(user.id);
    world.revoker.open(admin.id, true);
    world.clock.advance(60_000);

    expect(await world.useCases.resetUserMfa.execute({ userId: user.id })).toEqual({ ok: true });

    expect(world.mfa.factors.has(user.id)).toBe(false);
    expect(world.mfa.codes.has(user.id)).toBe(false);
    expect(world.challenges.current).toBeNull();
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: world.clock.now() });
    expect(world.revoker.sessions.map((session) => session.userId)).toEqual([admin.id]);
    expect(world.revoker.calls).toEqual([{ kind: "all", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "mfa.reset", actorId: admin.id, targetId: user.id }]);
    // The admin's own two-factor is untouched.
    expect(world.mfa.factors.get(admin.id)!.enabledAt).not.toBeNull();
    expect(world.store.committed.get(admin.id)!.version).toBe(0);
  });

  it("lets the super admin reset an admin's", async () => {
    const root = world.seed("root.admin", "super_admin");
    world.seedTotp(admin);
    world.actAs(root);

    await world.useCases.resetUserMfa.execute({ userId: admin.id });
    expect(world.mfa.factors.has(admin.id)).toBe(false);
  });

  it("answers PERMISSION_DENIED, not whether they have two-factor, about someone it may not manage", async () => {
    const other = world.seed("other.admin", "admin");
    await expect(world.useCases.resetUserMfa.execute({ userId: other.id })).rejects.toMatchObject({
      code: "PERMISSION_DENIED",
    });
  });

  it.each([
    ["has no factor", () => {}],
    ["has only begun enrolling", () => world.seedTotp(user, { pending: true })],
  ])("refuses when the target %s, changing nothing", async (_state, arrange) => {
    arrange();
    world.revoker.open(user.id);

    await expect(world.useCases.resetUserMfa.execute({ userId: user.id })).rejects.toMatchObject({
      code: "MFA_NOT_ENABLED",
      message: "This user has not set up two-factor authentication.",
    });
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.revoker.sessions).toHaveLength(1);
    expect(world.store.events).toEqual([]);
  });

  itRefusesAsEveryAdminCommand("resetting the two-factor of", {
    run: (world, userId) => world.useCases.resetUserMfa.execute({ userId }),
    arrange: (world, target) => void world.seedTotp(target),
    expectUnchanged: (world, target) => {
      expect(world.mfa.factors.get(target.id)!.enabledAt).not.toBeNull();
    },
  });
});
