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

describe("MyApiKeysQuery", () => {
  it("lists the caller's live keys newest first, expired ones included, never the hash or the key", async () => {
    const older = world.seedApiKey(user, { name: "old", scope: "read", days: 1 });
    const revoked = world.seedApiKey(user, { name: "revoked" });
    revoked.revokedAt = world.clock.now();
    const newer = world.seedApiKey(user, { name: "new" });
    newer.lastUsedAt = world.clock.now();
    world.seedApiKey(world.seed("other.user"), { name: "someone else's" });
    world.clock.advance(2 * 86_400_000);

    expect(await world.useCases.myApiKeys.execute()).toEqual([
      {
        id: newer.id,
        name: "new",
        prefix: newer.prefix,
        scope: "full",
        createdAt: newer.createdAt,
        lastUsedAt: newer.lastUsedAt,
        expiresAt: newer.expiresAt,
      },
      {
        id: older.id,
        name: "old",
        prefix: older.prefix,
        scope: "read",
        createdAt: older.createdAt,
        lastUsedAt: null,
        expiresAt: older.expiresAt,
      },
    ]);
  });

  it("lists a key just created", async () => {
    const { id } = await world.useCases.createApiKey.execute({ password: "correct horse", name: "CI", scope: "read" });
    expect((await world.useCases.myApiKeys.execute()).map((key) => key.id)).toEqual([id]);
  });

  it("is empty for a caller without keys", async () => {
    expect(await world.useCases.myApiKeys.execute()).toEqual([]);
  });

  it("is refused to a caller REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    world.actAs(world.seed("a.user"));
    await expect(world.useCases.myApiKeys.execute()).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(world.useCases.myApiKeys.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
