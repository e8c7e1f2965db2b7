import { describe, expect, it } from "vitest";
import { TARGET_KINDS, worldOfEveryRole, type TargetKind, type World } from "../../../test/in-memory-fakes";
import type { UserId } from "../../domain/user/user-id.value-object";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import { permittedUserActions, type UserActions } from "./user-actions";

type Action = keyof UserActions;

const ACTIONS: Action[] = [
  "setPassword",
  "grantAdmin",
  "revokeAdmin",
  "activate",
  "deactivate",
  "viewSessions",
  "endSessions",
  "resetMfa",
];

const EVERYTHING = ACTIONS;
const ALL_BUT_ROLES: Action[] = ["setPassword", "activate", "deactivate", "viewSessions", "endSessions", "resetMfa"];
const NOTHING: Action[] = [];

// The role table: what each role may do to each kind of user.
const ROLE_TABLE: Record<UserRole, Record<TargetKind, Action[]>> = {
  super_admin: { "the super admin": NOTHING, "an admin": EVERYTHING, "a user": EVERYTHING, self: NOTHING },
  admin: { "the super admin": NOTHING, "an admin": NOTHING, "a user": ALL_BUT_ROLES, self: NOTHING },
  user: { "the super admin": NOTHING, "an admin": NOTHING, "a user": NOTHING, self: NOTHING },
};

const allowed = (actions: UserActions): Action[] => ACTIONS.filter((action) => actions[action]);

const cases = USER_ROLES.flatMap((actorRole) => TARGET_KINDS.map((target) => ({ actorRole, target })));

describe("permittedUserActions", () => {
  it.each(cases)("$actorRole on $target", ({ actorRole, target }) => {
    const { actor, targets } = worldOfEveryRole(actorRole);
    expect(allowed(permittedUserActions(actor, targets[target]))).toEqual(ROLE_TABLE[actorRole][target]);
  });

  it("reads a row of the users table as well as an entity", () => {
    const { actor, targets } = worldOfEveryRole("admin");
    const { id, role } = targets["a user"];
    expect(permittedUserActions(actor, { id, role })).toEqual(permittedUserActions(actor, targets["a user"]));
  });
});

// Each flag against the procedure it stands for, run through the real interactors.
const REFUSED_FOR_AUTHORIZATION = ["PERMISSION_DENIED", "ROLE_CHANGE_NOT_PERMITTED", "ACTIVATION_CHANGE_NOT_PERMITTED"];

function run(world: World, action: Action, userId: string): Promise<unknown> {
  const { useCases } = world;
  switch (action) {
    case "setPassword":
      return useCases.setUserPassword.execute({ userId, password: "a new password" });
    case "grantAdmin":
      return useCases.grantAdmin.execute({ userId });
    case "revokeAdmin":
      return useCases.revokeAdmin.execute({ userId });
    case "activate":
      return useCases.activateUser.execute({ userId });
    case "deactivate":
      return useCases.deactivateUser.execute({ userId });
    case "viewSessions":
      return useCases.userSessions.execute({ userId });
    case "endSessions":
      return useCases.endUserSessions.execute({ userId });
    case "resetMfa":
      // The target has two-factor on, so only authorization can refuse.
      world.seedTotp(world.store.committed.get(userId as UserId)!);
      return useCases.resetUserMfa.execute({ userId });
  }
}

describe("permittedUserActions agrees with the interactors", () => {
  it.each(cases.flatMap((c) => ACTIONS.map((action) => ({ ...c, action }))))(
    "$actorRole → $action on $target",
    async ({ actorRole, target, action }) => {
      const { world, actor, targets } = worldOfEveryRole(actorRole);
      const flag = permittedUserActions(actor, targets[target])[action];
      const refused = await run(world, action, targets[target].id).then(
        () => false,
        (error: { code?: string }) => {
          if (!REFUSED_FOR_AUTHORIZATION.includes(error.code ?? "")) throw error;
          return true;
        },
      );
      expect(flag).toBe(!refused);
    },
  );
});
