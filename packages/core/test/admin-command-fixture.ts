// What every admin command over one user (reset two-factor, revoke keys, remove passkeys, list
// them…) is tested with: the same world, and the same refusals, stated once.
import { expect, it } from "vitest";
import type { MfaRequirement, User, UserRole } from "../src/index";
import { createWorld, worldOfEveryRole, type TargetKind, type World } from "./in-memory-fakes";

/** An admin as the caller, and a user below them. */
export function adminAndUser({ requireMfa }: { requireMfa?: MfaRequirement } = {}): {
  world: World;
  admin: User;
  user: User;
} {
  const world = createWorld({ requireMfa });
  const admin = world.seed("an.admin", "admin");
  const user = world.seed("a.user", "user");
  world.actAs(admin);
  return { world, admin, user };
}

/** Actor and target pairs an admin command refuses: it acts only over subordinates (see permissions). */
export const NOT_SUBORDINATES: ReadonlyArray<[UserRole, TargetKind]> = [
  ["user", "a user"],
  ["user", "self"],
  ["admin", "the super admin"],
  ["admin", "an admin"],
  ["admin", "self"],
  ["super_admin", "self"],
];

export interface AdminCommand {
  /** The command, run by the world's caller over `userId`. */
  run: (world: World, userId: string) => Promise<unknown>;
  /** Gives the target what the command acts on (a factor, keys, passkeys…); nothing by default. */
  arrange?: (world: World, target: User) => void;
  /** Checks that what `arrange` gave the target is still there. */
  expectUnchanged?: (world: World, target: User) => void | Promise<void>;
}

/**
 * The refusals every admin command answers, as tests (call inside its describe): over anyone
 * not below the caller, an unknown user, an invalid id, an admin REQUIRE_MFA holds back, and
 * no caller. `doing` reads "a caller of role admin {doing} the super admin".
 */
export function itRefusesAsEveryAdminCommand(doing: string, command: AdminCommand): void {
  const { run, arrange = () => {}, expectUnchanged = () => {} } = command;

  it.each(NOT_SUBORDINATES)(`refuses a caller of role %s ${doing} %s, changing nothing`, async (role, kind) => {
    const { world, targets } = worldOfEveryRole(role);
    const target = targets[kind];
    arrange(world, target);

    await expect(run(world, target.id)).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
    await expectUnchanged(world, target);
    expect(world.store.committed.get(target.id)!.version).toBe(0);
    expect(world.store.events).toEqual([]);
  });

  it("reports an unknown user, and names an invalid id", async () => {
    const { world } = adminAndUser();
    await expect(run(world, "01900000-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "USER_NOT_FOUND",
    });
    await expect(run(world, "42")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
    expect(world.store.events).toEqual([]);
  });

  it("is refused to an admin REQUIRE_MFA holds back until they enrol", async () => {
    const { world, admin, user } = adminAndUser({ requireMfa: "admins" });
    arrange(world, user);

    await expect(run(world, user.id)).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });
    await expectUnchanged(world, user);
    expect(world.store.events).toEqual([]);

    world.seedTotp(admin);
    await expect(run(world, user.id)).resolves.toBeDefined();
  });

  it("needs a caller", async () => {
    const { world, user } = adminAndUser();
    arrange(world, user);
    world.actAs(null);

    await expect(run(world, user.id)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    await expectUnchanged(world, user);
  });
}
