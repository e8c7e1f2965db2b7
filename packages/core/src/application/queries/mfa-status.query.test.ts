import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import { RecoveryCode } from "../../domain/mfa/one-time-code.value-object";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
});

describe("MfaStatusQuery", () => {
  it("says two-factor is off when there is no factor", async () => {
    expect(await world.useCases.mfaStatus.execute()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
  });

  it("says two-factor is off while the enrolment is pending", async () => {
    world.seedTotp(user, { pending: true });
    world.mfa.codes.set(user.id, [{ hash: "hash:left over", used: false }]);
    expect(await world.useCases.mfaStatus.execute()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
  });

  it("says since when two-factor is on, and how many recovery codes are left", async () => {
    const enabledAt = world.clock.now();
    const { recoveryCodes } = world.seedTotp(user);
    await world.mfa.use(user.id, world.codeGenerator.hash(RecoveryCode.create(recoveryCodes[0]!)));
    world.clock.advance(60_000);

    expect(await world.useCases.mfaStatus.execute()).toEqual({ totpEnabled: true, recoveryCodesLeft: 9, enabledAt });
  });

  it("tells only the caller's own", async () => {
    world.seedTotp(world.seed("other.user"));
    expect((await world.useCases.mfaStatus.execute()).totpEnabled).toBe(false);
  });

  it("answers a caller REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    world.actAs(world.seed("a.user"));
    expect((await world.useCases.mfaStatus.execute()).totpEnabled).toBe(false);
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.mfaStatus.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
