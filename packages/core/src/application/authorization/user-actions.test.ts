import { describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import { permittedUserActions, type UserActions } from "./user-actions";

type Action = keyof UserActions;
type Target = "the super admin" | "an admin" | "a user" | "self";

const ACTIONS: Action[] = [
  "setPassword",
  "grantAdmin",
  "revokeAdmin",
  "activate",
  "deactivate",
  "viewSessions",
  "endSessions",
];
const TARGETS: Target[] = ["the super admin", "an admin", "a user", "self"];

const EVERYTHING = ACTIONS;
const ALL_BUT_ROLES: Action[] = ["setPassword", "activate", "deactivate", "viewSessions", "endSessions"];
const NOTHING: Action[] = [];

// The role table: what each role may do to each kind of user.
const ROLE_TABLE: Record<UserRole, Record<Target, Action[]>> = {
  super_admin: { "the super admin": NOTHING, "an admin": EVERYTHING, "a user": EVERYTHING, self: NOTHING },
  admin: { "the super admin": NOTHING, "an admin": NOTHING, "a user": ALL_BUT_ROLES, self: NOTHING },
  user: { "the super admin": NOTHING, "an admin": NOTHING, "a user": NOTHING, self: NOTHING },
};

/** A world with one user of each kind; the actor is `actorRole`'s, and "an admin" / "a user" are never the actor. */
function setUp(actorRole: UserRole): { world: World; actor: User; targets: Record<Target, User> } {
  const world = createWorld();
  const superAdmin = world.seed("root.admin", "super_admin");
  const admin = world.seed("first.admin", "admin");
  const otherAdmin = world.seed("other.admin", "admin");
  const user = world.seed("first.user", "user");
  const otherUser = world.seed("other.user", "user");
  const actor = { super_admin: superAdmin, admin, user }[actorRole];
  const targets: Record<Target, User> = {
    "the super admin": superAdmin,
    "an admin": otherAdmin,
    "a user": actorRole === "user" ? otherUser : user,
    self: actor,
  };
  world.actAs(actor);
  return { world, actor, targets };
}

const allowed = (actions: UserActions): Action[] => ACTIONS.filter((action) => actions[action]);

const cases = USER_ROLES.flatMap((actorRole) => TARGETS.map((target) => ({ actorRole, target })));

describe("permittedUserActions", () => {
  it.each(cases)("$actorRole on $target", ({ actorRole, target }) => {
    const { actor, targets } = setUp(actorRole);
    expect(allowed(permittedUserActions(actor, targets[target]))).toEqual(ROLE_TABLE[actorRole][target]);
  });

  it("reads a row of the users table as well as an entity", () => {
    const { actor, targets } = setUp("admin");
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
  }
}

describe("permittedUserActions agrees with the interactors", () => {
  it.each(cases.flatMap((c) => ACTIONS.map((action) => ({ ...c, action }))))(
    "$actorRole → $action on $target",
    async ({ actorRole, target, action }) => {
      const { world, actor, targets } = setUp(actorRole);
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
