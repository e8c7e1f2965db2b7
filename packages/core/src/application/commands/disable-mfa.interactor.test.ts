import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

// Its refusals (password, code, two-factor off) are in reauthenticate-with-factor.test.ts.
let world: World;
let user: User;
let secret: string;
let recoveryCodes: string[];

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
  ({ secret, recoveryCodes } = world.seedTotp(user));
  world.revoker.open(user.id, true);
  world.revoker.open(user.id);
});

describe("DisableMfaInteractor", () => {
  it("removes the factor and its recovery codes, ends the other sessions and audits it", async () => {
    world.clock.advance(60_000);

    expect(
      await world.useCases.disableMfa.execute({ password: "correct horse", code: world.totpCode(secret) }),
    ).toEqual({
      ok: true,
    });
    expect(world.mfa.factors.has(user.id)).toBe(false);
    expect(world.mfa.codes.has(user.id)).toBe(false);
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: world.clock.now() });
    expect(world.revoker.sessions.map((session) => session.current)).toEqual([true]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "mfa.disabled", actorId: user.id, targetId: user.id }]);
    expect(await world.useCases.mfaStatus.execute()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
  });

  it("takes a recovery code instead, as typed in any case", async () => {
    await world.useCases.disableMfa.execute({ password: "correct horse", code: recoveryCodes[9]!.toUpperCase() });

    expect(world.mfa.factors.has(user.id)).toBe(false);
    expect(world.store.events.map((event) => event.type)).toEqual(["mfa.recovery_code_used", "mfa.disabled"]);
  });

  it("ends the log-in of the user's that was waiting for a code", async () => {
    await world.challenges.issue(user);
    await world.useCases.disableMfa.execute({ password: "correct horse", code: world.totpCode(secret) });
    expect(world.challenges.current).toBeNull();
  });

  it("lets the user enrol again afterwards", async () => {
    await world.useCases.disableMfa.execute({ password: "correct horse", code: world.totpCode(secret) });

    const { secret: fresh } = await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" });
    await world.useCases.confirmTotpEnrolment.execute({ code: world.totpCode(fresh) });
    expect((await world.useCases.mfaStatus.execute()).totpEnabled).toBe(true);
  });

  it("leaves other users' two-factor alone", async () => {
    const other = world.seed("other.user");
    world.seedTotp(other);

    await world.useCases.disableMfa.execute({ password: "correct horse", code: world.totpCode(secret) });
    expect(world.mfa.factors.get(other.id)!.enabledAt).not.toBeNull();
    expect(await world.mfa.countUnused(other.id)).toBe(10);
  });

  describe("under REQUIRE_MFA", () => {
    beforeEach(() => {
      world = createWorld({ requireMfa: "all" });
      user = world.seed("a.user");
      world.actAs(user);
      ({ secret, recoveryCodes } = world.seedTotp(user));
      world.revoker.open(user.id, true);
      world.revoker.open(user.id);
    });

    it.each([
      ["a code from the app", () => world.totpCode(secret)],
      ["a recovery code", () => recoveryCodes[0]!],
    ])("is refused without a passkey, before %s is spent or the password counted", async (_label, code) => {
      await expect(
        world.useCases.disableMfa.execute({ password: "correct horse", code: code() }),
      ).rejects.toMatchObject({
        code: "MFA_ENROLMENT_REQUIRED",
        message:
          "Your account must keep a second factor: add another passkey or an authenticator app before removing this one.",
      });

      expect(world.mfa.factors.get(user.id)).toMatchObject({ lastAcceptedStep: null });
      expect(world.mfa.factors.get(user.id)!.enabledAt).not.toBeNull();
      expect(await world.mfa.countUnused(user.id)).toBe(10);
      expect(world.attempts.counts.size).toBe(0);
      expect(world.store.committed.get(user.id)!.version).toBe(0);
      expect(world.revoker.sessions).toHaveLength(2);
      expect(world.store.events).toEqual([]);
    });

    it("is allowed once a passkey would be left, which stays", async () => {
      const passkey = world.seedPasskey(user);

      await world.useCases.disableMfa.execute({ password: "correct horse", code: world.totpCode(secret) });

      expect(world.mfa.factors.has(user.id)).toBe(false);
      expect(world.passkeys.passkeys).toEqual([passkey]);
      expect(world.store.events).toMatchObject([{ type: "mfa.disabled", actorId: user.id, targetId: user.id }]);
      // Still enrolled: the passkey satisfies the requirement.
      expect((await world.useCases.currentAccount.execute()).id).toBe(user.id);
      expect(await world.useCases.myApiKeys.execute()).toEqual([]);
    });
  });
});
