import { describe, expect, it } from "vitest";
import { createWorld, FakeIdentityProvider, InMemoryUserStore } from "../../../test/in-memory-fakes";
import { makeUser } from "../../../test/domain-fakes";
import { MFA_REQUIREMENTS, mfaRequiredFor, type MfaRequirement } from "../../domain/mfa/mfa-requirement";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import { MfaEnrolment } from "../mfa/mfa-enrolment";
import { CurrentUser } from "./current-user";

// Who must have two-factor is mfaRequiredFor's rule (its own test states the table); this
// checks that CurrentUser applies it, for every requirement × role × state of the factor.
const REQUIRED = MFA_REQUIREMENTS.flatMap((requirement) =>
  USER_ROLES.map((role): [MfaRequirement, UserRole, boolean] => [requirement, role, mfaRequiredFor(requirement, role)]),
);
type FactorState = "no factor" | "a pending factor" | "an enabled factor" | "a passkey";
const FACTOR_STATES: FactorState[] = ["no factor", "a pending factor", "an enabled factor", "a passkey"];

const cases = REQUIRED.flatMap(([requirement, role, required]) =>
  FACTOR_STATES.map((state): [MfaRequirement, UserRole, FactorState, boolean] => [
    requirement,
    role,
    state,
    // Either an app that is on or a passkey satisfies the requirement.
    required && state !== "an enabled factor" && state !== "a passkey",
  ]),
);

function callerWith(requirement: MfaRequirement, role: UserRole, state: FactorState) {
  const world = createWorld();
  const caller = world.seed("the.caller", role);
  if (state === "a passkey") world.seedPasskey(caller);
  else if (state !== "no factor") world.seedTotp(caller, { pending: state === "a pending factor" });
  world.actAs(caller);
  return {
    world,
    caller,
    currentUser: new CurrentUser(world.identity, world.store, new MfaEnrolment(requirement, world.factorInventory)),
  };
}

describe("CurrentUser under REQUIRE_MFA", () => {
  it.each(cases)(
    "REQUIRE_MFA=%s: a %s with %s is refused MFA_ENROLMENT_REQUIRED: %s",
    async (requirement, role, state, refused) => {
      const { caller, currentUser } = callerWith(requirement, role, state);

      if (refused) await expect(currentUser.get()).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });
      else expect((await currentUser.get()).id).toBe(caller.id);
    },
  );

  it.each(cases)("REQUIRE_MFA=%s: a %s with %s may still manage two-factor", async (requirement, role, state) => {
    const { caller, currentUser } = callerWith(requirement, role, state);
    expect((await currentUser.getForEnrolment()).id).toBe(caller.id);
  });

  it("asks nothing of anybody when no policy is given", async () => {
    const store = new InMemoryUserStore();
    const root = makeUser("root.admin", "super_admin");
    store.committed.set(root.id, root);
    expect((await new CurrentUser(new FakeIdentityProvider(root.id), store).get()).id).toBe(root.id);
  });

  it.each(["get", "getForEnrolment"] as const)("%s needs an active caller", async (method) => {
    const world = createWorld();
    const inactive = world.seed("inactive.user", "user", false);
    world.seedTotp(inactive);
    const currentUser = new CurrentUser(world.identity, world.store, new MfaEnrolment("all", world.factorInventory));

    await expect(currentUser[method]()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    world.actAs(inactive);
    await expect(currentUser[method]()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
