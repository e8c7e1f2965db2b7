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

  // Only over subordinates, as every admin command (see permissions).
  it.each<[UserRole, TargetKind]>([
    ["user", "a user"],
    ["user", "self"],
    ["admin", "the super admin"],
    ["admin", "an admin"],
    ["admin", "self"],
    ["super_admin", "self"],
  ])("refuses a caller of role %s revoking the keys of %s, changing nothing", async (actorRole, targetKind) => {
    const { world, targets } = worldOfEveryRole(actorRole);
    const key = world.seedApiKey(targets[targetKind]);

    await expect(world.useCases.revokeUserApiKeys.execute({ userId: targets[targetKind].id })).rejects.toMatchObject({
      code: "PERMISSION_DENIED",
    });
    expect(key.revokedAt).toBeNull();
    expect(world.store.events).toEqual([]);
  });

  it("reports an unknown user, and names an invalid id", async () => {
    await expect(
      world.useCases.revokeUserApiKeys.execute({ userId: "01900000-0000-7000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(world.useCases.revokeUserApiKeys.execute({ userId: "42" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
    expect(world.store.events).toEqual([]);
  });

  it("is refused to an admin REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "admins" });
    admin = world.seed("an.admin", "admin");
    user = world.seed("a.user", "user");
    const key = world.seedApiKey(user);
    world.actAs(admin);

    await expect(world.useCases.revokeUserApiKeys.execute({ userId: user.id })).rejects.toMatchObject({
      code: "MFA_ENROLMENT_REQUIRED",
    });
    expect(key.revokedAt).toBeNull();
    world.seedTotp(admin);
    await world.useCases.revokeUserApiKeys.execute({ userId: user.id });
    expect(key.revokedAt).not.toBeNull();
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.revokeUserApiKeys.execute({ userId: user.id })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
  });
});
