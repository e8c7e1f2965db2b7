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

describe("MyPasskeysQuery", () => {
  it("lists the caller's passkeys newest first, with when each was last used and whether it is synced", async () => {
    const older = world.seedPasskey(user, { name: "phone", backedUp: true });
    const newer = world.seedPasskey(user, { name: "security key" });
    world.seedPasskey(world.seed("other.user"), { name: "someone else's" });
    const lastUsedAt = world.clock.now();
    newer.lastUsedAt = lastUsedAt;

    expect(await world.useCases.myPasskeys.execute()).toEqual([
      { id: newer.id, name: "security key", createdAt: newer.createdAt, lastUsedAt, backedUp: false },
      { id: older.id, name: "phone", createdAt: older.createdAt, lastUsedAt: null, backedUp: true },
    ]);
  });

  it("is empty for a caller without passkeys", async () => {
    expect(await world.useCases.myPasskeys.execute()).toEqual([]);
  });

  it("answers a caller REQUIRE_MFA holds back until they enrol: a passkey is a way to enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);

    expect(await world.useCases.myPasskeys.execute()).toEqual([]);
  });

  it("needs a caller, and an active one", async () => {
    world.actAs(null);
    await expect(world.useCases.myPasskeys.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(world.useCases.myPasskeys.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
