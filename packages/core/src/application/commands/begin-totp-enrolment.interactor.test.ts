import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
});

const stored = () => world.mfa.factors.get(user.id);

describe("BeginTotpEnrolmentInteractor", () => {
  it("makes a new secret, keeps it encrypted and pending, and hands it out with its otpauth URI", async () => {
    const { secret, uri } = await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" });

    expect(secret).toBe("SECRETA");
    expect(uri).toBe("otpauth://totp/Gatehouse:a.user?secret=SECRETA&issuer=Gatehouse");
    expect(stored()).toEqual({
      userId: user.id,
      encryptedSecret: world.cipher.encrypt(secret, user.id),
      enabledAt: null,
      lastAcceptedStep: null,
      createdAt: world.clock.now(),
    });
    expect(stored()!.encryptedSecret).not.toContain(secret);
    expect(world.store.commits).toBe(1);
    expect(await world.useCases.mfaStatus.execute()).toEqual({
      totpEnabled: false,
      recoveryCodesLeft: 0,
      enabledAt: null,
    });
  });

  it("replaces a pending secret when begun again", async () => {
    await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" });
    world.clock.advance(60_000);
    const { secret } = await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" });

    expect(secret).toBe("SECRETAA");
    expect(stored()).toMatchObject({
      encryptedSecret: world.cipher.encrypt(secret, user.id),
      createdAt: world.clock.now(),
    });
  });

  it("refuses a wrong password before anything changes, and counts it against the account", async () => {
    await expect(world.useCases.beginTotpEnrolment.execute({ password: "wrong horse" })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });

    expect(stored()).toBeUndefined();
    expect(world.attempts.counts.get("a.user")).toBe(1);
    expect(world.store.events).toMatchObject([{ type: "user.password_confirmation_failed", targetId: user.id }]);
  });

  it("refuses when two-factor is already on, leaving the factor as it was", async () => {
    const { secret } = world.seedTotp(user);
    const before = { ...stored() };

    await expect(world.useCases.beginTotpEnrolment.execute({ password: "correct horse" })).rejects.toMatchObject({
      code: "MFA_ALREADY_ENABLED",
    });
    expect(stored()).toEqual(before);
    expect(world.cipher.decrypt(stored()!.encryptedSecret, user.id)).toBe(secret);
  });

  it("checks the password before saying two-factor is already on", async () => {
    world.seedTotp(user);
    await expect(world.useCases.beginTotpEnrolment.execute({ password: "wrong horse" })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });
  });

  it("is open to a caller REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);

    const { secret } = await world.useCases.beginTotpEnrolment.execute({ password: "correct horse" });
    expect(world.cipher.decrypt(stored()!.encryptedSecret, user.id)).toBe(secret);
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.beginTotpEnrolment.execute({ password: "correct horse" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
  });
});
