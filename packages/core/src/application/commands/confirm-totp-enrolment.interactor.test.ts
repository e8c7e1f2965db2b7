import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, totpStep, type World } from "../../../test/in-memory-fakes";
import { RecoveryCode, TotpCode } from "../../domain/mfa/one-time-code.value-object";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
});

const stored = () => world.mfa.factors.get(user.id);

/** Begins an enrolment as the caller; the secret their app now holds. */
async function begin(): Promise<string> {
  return (await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" })).secret;
}

describe("ConfirmTotpEnrolmentInteractor", () => {
  it("turns two-factor on, keeps ten recovery codes as hashes, ends the other sessions and audits it", async () => {
    const secret = await begin();
    world.revoker.open(user.id, true);
    world.revoker.open(user.id);
    world.clock.advance(90_000);
    const now = world.clock.now();

    const { recoveryCodes } = await world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode(secret) });

    expect(stored()).toMatchObject({ enabledAt: now, lastAcceptedStep: totpStep(now) });
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}$/);
    expect(world.mfa.codes.get(user.id)).toEqual(
      recoveryCodes.map((code) => ({ hash: world.codeGenerator.hash(RecoveryCode.create(code)), used: false })),
    );
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: now });
    expect(world.revoker.sessions.map((session) => session.current)).toEqual([true]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "mfa.enabled", actorId: user.id, targetId: user.id }]);
    expect(await world.useCases.mfaStatus.execute()).toEqual({
      totpEnabled: true,
      recoveryCodesLeft: 10,
      enabledAt: now,
    });
  });

  it("takes a code one step off, and that step is then used: the code cannot log in afterwards", async () => {
    const secret = await begin();
    const code = world.totpCode(secret, -1);

    await world.useCases.confirmTotpEnrolment.execute({ code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(stored()!.lastAcceptedStep).toBe(totpStep(world.clock.now()) - 1);

    const factor = (await world.mfa.read(user.id))!;
    const proof = { kind: "totp", code: TotpCode.create(code) } as const;
    await expect(world.secondFactor.verify(user, factor, proof)).rejects.toMatchObject({ code: "INVALID_MFA_CODE" });
  });

  it("refuses a wrong code and leaves the enrolment pending", async () => {
    const secret = await begin();
    world.revoker.open(user.id);

    await expect(
      world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode(secret, 2) }),
    ).rejects.toMatchObject({ code: "INVALID_MFA_CODE" });
    expect(stored()).toMatchObject({ enabledAt: null, lastAcceptedStep: null });
    expect(world.mfa.codes.has(user.id)).toBe(false);
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.revoker.sessions).toHaveLength(1);
    expect(world.store.events).toEqual([]);
  });

  it("refuses a code made from another secret", async () => {
    await begin();
    await expect(
      world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode("SECRETZ") }),
    ).rejects.toMatchObject({ code: "INVALID_MFA_CODE" });
  });

  it("names a code that is not six digits", async () => {
    await begin();
    await expect(world.useCases.confirmTotpEnrolment.execute({ code: "12345" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { code: ["Enter the 6-digit code from your authenticator app."] },
    });
  });

  it("refuses when no enrolment was begun", async () => {
    await expect(world.useCases.confirmTotpEnrolment.execute({ code: "123456" })).rejects.toMatchObject({
      code: "MFA_NOT_ENABLED",
      message: "Start setting up two-factor authentication first.",
    });
  });

  it("refuses when two-factor is already on, changing nothing", async () => {
    const { secret } = world.seedTotp(user);
    const before = { ...stored() };

    await expect(world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode(secret) })).rejects.toMatchObject({
      code: "MFA_ALREADY_ENABLED",
    });
    expect(stored()).toEqual(before);
    expect(world.store.committed.get(user.id)!.version).toBe(0);
  });

  it("lets a caller REQUIRE_MFA holds back enrol, after which they are let through", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);
    world.revoker.open(user.id, true);
    await expect(world.useCases.mySessions.execute()).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });

    const secret = await begin();
    await world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode(secret) });
    expect(await world.useCases.mySessions.execute()).toHaveLength(1);
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.confirmTotpEnrolment.execute({ code: "123456" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
  });
});
