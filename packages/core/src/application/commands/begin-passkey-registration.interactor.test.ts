import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, FakeRateLimitedError, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
});

describe("BeginPasskeyRegistrationInteractor", () => {
  it("issues a registration challenge bound to the caller, in options that exclude their passkeys", async () => {
    const phone = world.seedPasskey(user, { transports: ["internal", "hybrid"] });
    const key = world.seedPasskey(user, { transports: ["usb"] });
    world.seedPasskey(world.seed("other.user"));

    const options = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });

    const live = world.passkeyChallenges.live.get("registration");
    expect(live).toEqual({ challenge: expect.any(String), userId: user.id });
    expect(options).toEqual({
      challenge: live!.challenge,
      user: { id: user.id, name: "a.user" },
      excludeCredentials: [
        { id: phone.credentialId, transports: ["internal", "hybrid"] },
        { id: key.credentialId, transports: ["usb"] },
      ],
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    });
    expect(world.passkeyChallenges.live.has("log-in")).toBe(false);
    expect(world.store.commits).toBe(0);
    expect(world.store.events).toEqual([]);
  });

  it("issues a fresh challenge each time, the last one replacing the one before", async () => {
    const first = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });
    const second = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });

    expect(second.challenge).not.toBe(first.challenge);
    expect(world.passkeyChallenges.live.get("registration")!.challenge).toBe(second.challenge);
  });

  it.each([
    ["a wrong password", "wrong horse"],
    ["a password that breaks the rules", "short"],
  ])("refuses %s before any challenge is issued, counting it on the account's budget", async (_label, password) => {
    await expect(world.useCases.beginPasskeyRegistration.execute({ password })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });

    expect(world.passkeyChallenges.live.size).toBe(0);
    expect(world.attempts.counts.get("a.user")).toBe(1);
    expect(world.store.events).toMatchObject([
      { type: "user.password_confirmation_failed", actorId: user.id, targetId: user.id },
    ]);
    expect(world.store.events).toHaveLength(1);
  });

  it("shares the log-in budget: once spent, even the right password is refused", async () => {
    for (let i = 0; i < 10; i++) {
      await expect(
        world.useCases.beginPasskeyRegistration.execute({ password: `wrong guess ${i}` }),
      ).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });
    }
    await expect(world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" })).rejects.toBeInstanceOf(
      FakeRateLimitedError,
    );
    expect(world.passkeyChallenges.live.size).toBe(0);
  });

  it("forgives the count once the right password is given", async () => {
    await expect(world.useCases.beginPasskeyRegistration.execute({ password: "wrong horse" })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });
    await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });
    expect(world.attempts.counts.has("a.user")).toBe(false);
  });

  it("is open to a caller REQUIRE_MFA holds back until they enrol: a passkey enrols them", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);

    const options = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });
    expect(options.challenge).toBe(world.passkeyChallenges.live.get("registration")!.challenge);
  });

  it("needs a caller, and an active one", async () => {
    world.actAs(null);
    await expect(world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
    expect(world.passkeyChallenges.live.size).toBe(0);
    expect(world.attempts.counts.size).toBe(0);
  });
});
