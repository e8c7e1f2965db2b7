import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, FakeRateLimitedError, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

const DAY_MS = 86_400_000;

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
});

const request = { password: "correct horse", name: "CI deploy", scope: "read" };

describe("CreateApiKeyInteractor", () => {
  it("stores the key's hash, never the key, with its name, scope and expiry days from now, and audits it", async () => {
    const now = world.clock.now();

    const { id, key } = await world.useCases.createApiKey.execute({
      ...request,
      name: "  CI deploy ",
      expiresInDays: 30,
    });

    expect(key).toMatch(/^ghk_[A-Za-z0-9_-]{43}$/);
    expect(world.apiKeys.keys).toEqual([
      {
        id,
        userId: user.id,
        name: "CI deploy",
        prefix: key.slice(0, 12),
        scope: "read",
        hash: `hash:${[...key].reverse().join("")}`,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 30 * DAY_MS),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(world.apiKeys.keys)).not.toContain(key);
    expect(world.store.events).toMatchObject([{ type: "api_key.created", actorId: user.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
    expect(world.store.commits).toBe(1);
  });

  it("makes a full key that expires in 90 days unless told, and a new key and id each time", async () => {
    const now = world.clock.now();
    const first = await world.useCases.createApiKey.execute({ ...request, scope: "full" });
    const second = await world.useCases.createApiKey.execute({ ...request, scope: "full" });

    expect(second.id).not.toBe(first.id);
    expect(second.key).not.toBe(first.key);
    expect(world.apiKeys.keys.map(({ id, scope, expiresAt }) => ({ id, scope, expiresAt }))).toEqual([
      { id: first.id, scope: "full", expiresAt: new Date(now.getTime() + 90 * DAY_MS) },
      { id: second.id, scope: "full", expiresAt: new Date(now.getTime() + 90 * DAY_MS) },
    ]);
  });

  it.each([
    ["a wrong password", "wrong horse"],
    ["a password that breaks the rules", "short"],
  ])("refuses %s before anything is stored, counting it on the account's budget", async (_label, password) => {
    await expect(world.useCases.createApiKey.execute({ ...request, password })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });

    expect(world.apiKeys.keys).toEqual([]);
    expect(world.store.commits).toBe(0);
    expect(world.attempts.counts.get("a.user")).toBe(1);
    expect(world.store.events).toMatchObject([
      { type: "user.password_confirmation_failed", actorId: user.id, targetId: user.id },
    ]);
    expect(world.store.events).toHaveLength(1);
  });

  it("shares the log-in budget: once spent, even the right password is refused and no key is made", async () => {
    for (let i = 0; i < 10; i++) {
      await expect(
        world.useCases.createApiKey.execute({ ...request, password: `wrong guess ${i}` }),
      ).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });
    }
    await expect(world.useCases.createApiKey.execute(request)).rejects.toBeInstanceOf(FakeRateLimitedError);
    expect(world.attempts.counts.get("a.user")).toBe(11);
    expect(world.apiKeys.keys).toEqual([]);
  });

  it("forgives the count once the right password is given", async () => {
    await expect(world.useCases.createApiKey.execute({ ...request, password: "wrong horse" })).rejects.toMatchObject({
      code: "CURRENT_PASSWORD_INVALID",
    });
    await world.useCases.createApiKey.execute(request);
    expect(world.attempts.counts.has("a.user")).toBe(false);
  });

  it("names every invalid field at once, before the password is checked or counted", async () => {
    await expect(
      world.useCases.createApiKey.execute({ password: "wrong horse", name: " ", scope: "write", expiresInDays: 366 }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: {
        name: ["Name must be 1–64 characters long."],
        scope: ["Scope must be one of read, full."],
        expiresInDays: ["Expiry must be a whole number of days from 1 to 365."],
      },
    });
    expect(world.attempts.counts.size).toBe(0);
    expect(world.apiKeys.keys).toEqual([]);
    expect(world.store.events).toEqual([]);
  });

  it("is refused, before the password is counted, to a caller REQUIRE_MFA holds back until they enrol", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);

    await expect(world.useCases.createApiKey.execute(request)).rejects.toMatchObject({
      code: "MFA_ENROLMENT_REQUIRED",
    });
    expect(world.attempts.counts.size).toBe(0);
    expect(world.apiKeys.keys).toEqual([]);

    world.seedTotp(user);
    await world.useCases.createApiKey.execute(request);
    expect(world.apiKeys.keys).toHaveLength(1);
  });

  it("needs a caller, and an active one", async () => {
    world.actAs(null);
    await expect(world.useCases.createApiKey.execute(request)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(world.useCases.createApiKey.execute(request)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(world.apiKeys.keys).toEqual([]);
  });
});
