import { describe, expect, it } from "vitest";
import { TARGET_KINDS, worldOfEveryRole, type World } from "../../../test/in-memory-fakes";
import type { UserRole } from "../../domain/user/user-role";

// Every action × actor role × target, through the real interactors: the table reads like
// the role hierarchy (super admin > admin > user; see permissions.ts). "ok" means allowed; otherwise the error code raised.
type Outcome = "ok" | "PERMISSION_DENIED" | "ROLE_CHANGE_NOT_PERMITTED" | "ACTIVATION_CHANGE_NOT_PERMITTED";
type Action =
  | "setUserPassword"
  | "grantAdmin"
  | "revokeAdmin"
  | "activateUser"
  | "deactivateUser"
  | "getUser"
  | "userApiKeys"
  | "revokeUserApiKeys";

const ok = "ok";
const DENIED = "PERMISSION_DENIED";
const ROLE = "ROLE_CHANGE_NOT_PERMITTED";
const ACTIVATION = "ACTIVATION_CHANGE_NOT_PERMITTED";

//                                 target: the super admin, an admin, a user, self
const MATRIX: Record<Action, Record<Exclude<UserRole, never>, [Outcome, Outcome, Outcome, Outcome]>> = {
  setUserPassword: {
    super_admin: [DENIED, ok, ok, DENIED],
    admin: [DENIED, DENIED, ok, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  grantAdmin: {
    super_admin: [ROLE, ok, ok, ROLE],
    admin: [DENIED, DENIED, DENIED, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  revokeAdmin: {
    super_admin: [ROLE, ok, ok, ROLE],
    admin: [DENIED, DENIED, DENIED, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  activateUser: {
    super_admin: [ACTIVATION, ok, ok, ACTIVATION],
    admin: [ACTIVATION, DENIED, ok, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  deactivateUser: {
    super_admin: [ACTIVATION, ok, ok, ACTIVATION],
    admin: [ACTIVATION, DENIED, ok, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  getUser: { super_admin: [ok, ok, ok, ok], admin: [ok, ok, ok, ok], user: [DENIED, DENIED, DENIED, DENIED] },
  userApiKeys: {
    super_admin: [DENIED, ok, ok, DENIED],
    admin: [DENIED, DENIED, ok, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
  revokeUserApiKeys: {
    super_admin: [DENIED, ok, ok, DENIED],
    admin: [DENIED, DENIED, ok, DENIED],
    user: [DENIED, DENIED, DENIED, DENIED],
  },
};

function run(world: World, action: Action, userId: string): Promise<unknown> {
  const { useCases } = world;
  if (action === "setUserPassword") return useCases.setUserPassword.execute({ userId, password: "new password!" });
  return useCases[action].execute({ userId });
}

const cases = (Object.keys(MATRIX) as Action[]).flatMap((action) =>
  (Object.keys(MATRIX[action]) as UserRole[]).flatMap((actorRole) =>
    TARGET_KINDS.map((target, i) => ({ action, actorRole, target, expected: MATRIX[action][actorRole][i]! })),
  ),
);

describe("authorization matrix", () => {
  it.each(cases)("$actorRole → $action on $target: $expected", async ({ action, actorRole, target, expected }) => {
    const { world, targets } = worldOfEveryRole(actorRole);
    const outcome = await run(world, action, targets[target].id).then(
      () => "ok",
      (error: Error & { code?: string }) => error.code ?? error.message,
    );
    expect(outcome).toBe(expected);
  });

  it.each([
    ["super_admin", "user", "ok"],
    ["super_admin", "admin", "ok"],
    ["admin", "user", "ok"],
    ["admin", "admin", DENIED],
    ["user", "user", DENIED],
    ["user", "admin", DENIED],
  ] as const)("%s creating a %s: %s", async (actorRole, role, expected) => {
    const { world } = worldOfEveryRole(actorRole);
    const outcome = await world.useCases.createUser
      .execute({ username: "new.person", password: "correct horse", role })
      .then(
        () => "ok",
        (error: { code: string }) => error.code,
      );
    expect(outcome).toBe(expected);
  });

  it.each([
    ["super_admin", "ok"],
    ["admin", "ok"],
    ["user", DENIED],
  ] as const)("%s listing users: %s", async (actorRole, expected) => {
    const { world } = worldOfEveryRole(actorRole);
    const outcome = await world.useCases.listUsers.execute({}).then(
      () => "ok",
      (error: { code: string }) => error.code,
    );
    expect(outcome).toBe(expected);
  });

  it("refuses every admin action to an anonymous caller and to a deactivated one", async () => {
    const { world, targets } = worldOfEveryRole("admin");
    const deactivatedAdmin = world.seed("gone.admin", "admin", false);
    for (const caller of [null, deactivatedAdmin]) {
      world.actAs(caller);
      for (const action of Object.keys(MATRIX) as Action[]) {
        await expect(run(world, action, targets["a user"].id)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
      }
      await expect(world.useCases.listUsers.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    }
  });
});
