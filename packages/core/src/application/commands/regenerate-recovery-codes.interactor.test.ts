import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import { RecoveryCode } from "../../domain/mfa/one-time-code.value-object";
import type { User } from "../../domain/user/user.entity";

// Its refusals (password, code, two-factor off) are in reauthenticate-with-factor.test.ts.
let world: World;
let user: User;
let secret: string;
let oldCodes: string[];

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
  ({ secret, recoveryCodes: oldCodes } = world.seedTotp(user));
  world.revoker.open(user.id, true);
  world.revoker.open(user.id);
});

const useCode = (code: string) => world.mfa.use(user.id, world.codeGenerator.hash(RecoveryCode.create(code)));

describe("RegenerateRecoveryCodesInteractor", () => {
  it("replaces the recovery codes with ten new ones kept as hashes, ends the other sessions and audits it", async () => {
    await useCode(oldCodes[0]!);
    world.clock.advance(60_000);

    const { recoveryCodes } = await world.useCases.regenerateRecoveryCodes.execute({
      password: "correct horse",
      code: world.totpCode(secret),
    });

    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((code) => oldCodes.includes(code))).toEqual([]);
    expect(world.mfa.codes.get(user.id)).toEqual(
      recoveryCodes.map((code) => ({ hash: world.codeGenerator.hash(RecoveryCode.create(code)), used: false })),
    );
    expect((await world.useCases.mfaStatus.execute()).recoveryCodesLeft).toBe(10);
    expect(world.mfa.factors.get(user.id)!.enabledAt).not.toBeNull();
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: world.clock.now() });
    expect(world.revoker.sessions.map((session) => session.current)).toEqual([true]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([
      { type: "mfa.recovery_codes_regenerated", actorId: user.id, targetId: user.id },
    ]);
  });

  it("makes the old codes stop working and the new ones work", async () => {
    const { recoveryCodes } = await world.useCases.regenerateRecoveryCodes.execute({
      password: "correct horse",
      code: world.totpCode(secret),
    });

    for (const code of oldCodes) expect(await useCode(code)).toBe(false);
    for (const code of recoveryCodes) expect(await useCode(code)).toBe(true);
  });

  it("takes one of the old recovery codes as the proof", async () => {
    await world.useCases.regenerateRecoveryCodes.execute({ password: "correct horse", code: oldCodes[4]! });

    expect(await world.mfa.countUnused(user.id)).toBe(10);
    expect(world.store.events.map((event) => event.type)).toEqual([
      "mfa.recovery_code_used",
      "mfa.recovery_codes_regenerated",
    ]);
  });
});
