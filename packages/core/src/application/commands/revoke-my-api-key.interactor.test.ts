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

describe("RevokeMyApiKeyInteractor", () => {
  it("revokes that one key at once, leaves the caller's others live, and audits it", async () => {
    const revoked = world.seedApiKey(user);
    const kept = world.seedApiKey(user);
    world.clock.advance(60_000);

    expect(await world.useCases.revokeMyApiKey.execute({ keyId: revoked.id })).toEqual({ ok: true });

    expect(revoked.revokedAt).toEqual(world.clock.now());
    expect(kept.revokedAt).toBeNull();
    expect(world.store.events).toMatchObject([{ type: "api_key.revoked", actorId: user.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
  });

  it("revokes an expired key too", async () => {
    const key = world.seedApiKey(user, { days: 1 });
    world.clock.advance(2 * 86_400_000);

    await world.useCases.revokeMyApiKey.execute({ keyId: key.id });
    expect(key.revokedAt).toEqual(world.clock.now());
  });

  it.each([
    ["another user's key", () => world.seedApiKey(world.seed("other.user")).id],
    ["an unknown id", () => "no-such-key"],
    [
      "a key already revoked",
      () => {
        const key = world.seedApiKey(user);
        key.revokedAt = world.clock.now();
        return key.id;
      },
    ],
  ])("answers API_KEY_NOT_FOUND for %s, revoking and auditing nothing", async (_label, keyIdOf) => {
    const keyId = keyIdOf();
    const revokedBefore = world.apiKeys.keys.map((key) => key.revokedAt);

    await expect(world.useCases.revokeMyApiKey.execute({ keyId })).rejects.toMatchObject({
      code: "API_KEY_NOT_FOUND",
      message: "You have no API key with this id.",
    });
    expect(world.apiKeys.keys.map((key) => key.revokedAt)).toEqual(revokedBefore);
    expect(world.store.events).toEqual([]);
  });

  it("takes an id of 64 characters", async () => {
    await expect(world.useCases.revokeMyApiKey.execute({ keyId: "k".repeat(64) })).rejects.toMatchObject({
      code: "API_KEY_NOT_FOUND",
    });
  });

  it.each([
    ["an empty id", ""],
    ["an id of 65 characters", "k".repeat(65)],
  ])("names %s", async (_label, keyId) => {
    await expect(world.useCases.revokeMyApiKey.execute({ keyId })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { keyId: ["Key id must be 1–64 characters."] },
    });
  });

  it("is refused to a caller REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    const key = world.seedApiKey(user);
    world.actAs(user);

    await expect(world.useCases.revokeMyApiKey.execute({ keyId: key.id })).rejects.toMatchObject({
      code: "MFA_ENROLMENT_REQUIRED",
    });
    expect(key.revokedAt).toBeNull();
  });

  it("needs a caller", async () => {
    const key = world.seedApiKey(user);
    world.actAs(null);
    await expect(world.useCases.revokeMyApiKey.execute({ keyId: key.id })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
    expect(key.revokedAt).toBeNull();
  });
});
