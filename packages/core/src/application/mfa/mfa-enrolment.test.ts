import { describe, expect, it } from "vitest";
import { createWorld } from "../../../test/in-memory-fakes";
import { MFA_REQUIREMENTS, mfaRequiredFor, type MfaRequirement } from "../../domain/mfa/mfa-requirement";
import { USER_ROLES, type UserRole } from "../../domain/user/user-role";
import { hasSecondFactor, MfaEnrolment } from "./mfa-enrolment";

// Who must have a second factor is mfaRequiredFor's rule (its own test states the table); this
// checks that MfaEnrolment applies it, for every requirement × role × the factors one has.
type Factors = "nothing" | "a pending app" | "an app" | "one passkey" | "two passkeys" | "an app and a passkey";
const FACTORS: Factors[] = [
  "nothing",
  "a pending app",
  "an app",
  "one passkey",
  "two passkeys",
  "an app and a passkey",
];

const cases = MFA_REQUIREMENTS.flatMap((requirement) =>
  USER_ROLES.flatMap((role) =>
    FACTORS.map((factors): [MfaRequirement, UserRole, Factors, boolean] => [
      requirement,
      role,
      factors,
      mfaRequiredFor(requirement, role),
    ]),
  ),
);

/** What is left without the app / without one passkey, and whether that still satisfies the rule. */
const hasAny = (factors: Factors) => factors !== "nothing" && factors !== "a pending app";
const keepsOneWithoutApp = (factors: Factors) => factors.includes("passkey");
const keepsOneWithoutAPasskey = (factors: Factors) => factors === "two passkeys" || factors.includes("an app");

function userWith(requirement: MfaRequirement, role: UserRole, factors: Factors) {
  const world = createWorld({ requireMfa: requirement });
  const user = world.seed("the.user", role);
  if (factors === "a pending app") world.seedTotp(user, { pending: true });
  if (factors.includes("an app")) world.seedTotp(user);
  if (factors.includes("passkey")) world.seedPasskey(user);
  if (factors === "two passkeys") world.seedPasskey(user);
  return { world, user };
}

const REFUSAL = {
  code: "MFA_ENROLMENT_REQUIRED",
  message:
    "Your account must keep a second factor: add another passkey or an authenticator app before removing this one.",
};

describe("MfaEnrolment", () => {
  it.each(cases)(
    "REQUIRE_MFA=%s: a %s with %s is missing a second factor when required and has none",
    async (requirement, role, factors, required) => {
      const { world, user } = userWith(requirement, role, factors);
      expect(world.enrolment.requirement).toBe(requirement);
      expect(await world.enrolment.isMissing(user)).toBe(required && !hasAny(factors));
    },
  );

  it.each(cases)(
    "REQUIRE_MFA=%s: a %s with %s may turn the app off unless a passkey must stay",
    async (requirement, role, factors, required) => {
      const { world, user } = userWith(requirement, role, factors);
      const removal = world.enrolment.assertMayRemove(user, "totp");
      if (required && !keepsOneWithoutApp(factors)) await expect(removal).rejects.toMatchObject(REFUSAL);
      else await expect(removal).resolves.toBeUndefined();
    },
  );

  it.each(cases)(
    "REQUIRE_MFA=%s: a %s with %s may remove a passkey unless it is the last factor",
    async (requirement, role, factors, required) => {
      const { world, user } = userWith(requirement, role, factors);
      const removal = world.enrolment.assertMayRemove(user, "passkey");
      if (required && !keepsOneWithoutAPasskey(factors)) await expect(removal).rejects.toMatchObject(REFUSAL);
      else await expect(removal).resolves.toBeUndefined();
    },
  );

  it("reads nobody's factors when the requirement does not apply to them", async () => {
    const { world, user } = userWith("admins", "user", "nothing");
    let reads = 0;
    const enrolment = new MfaEnrolment("admins", {
      of: async (userId) => {
        reads += 1;
        return world.factorInventory.of(userId);
      },
    });
    expect(await enrolment.isMissing(user)).toBe(false);
    await enrolment.assertMayRemove(user, "passkey");
    expect(reads).toBe(0);
  });

  it("none() asks nothing of anybody, a super admin with no factor included", async () => {
    const { user } = userWith("all", "super_admin", "nothing");
    const enrolment = MfaEnrolment.none();
    expect(enrolment.requirement).toBe("none");
    expect(await enrolment.isMissing(user)).toBe(false);
    await expect(enrolment.assertMayRemove(user, "totp")).resolves.toBeUndefined();
    await expect(enrolment.assertMayRemove(user, "passkey")).resolves.toBeUndefined();
  });
});

describe("hasSecondFactor", () => {
  it.each([
    [{ totp: false, passkeys: 0 }, false],
    [{ totp: true, passkeys: 0 }, true],
    [{ totp: false, passkeys: 1 }, true],
    [{ totp: true, passkeys: 2 }, true],
  ])("%j: %s", (factors, expected) => {
    expect(hasSecondFactor(factors)).toBe(expected);
  });
});
