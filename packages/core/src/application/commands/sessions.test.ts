import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let alice: User;
let bob: User;
let admin: User;

beforeEach(() => {
  world = createWorld();
  admin = world.seed("an.admin", "admin");
  alice = world.seed("alice", "user");
  bob = world.seed("bobby", "user");
});

describe("a user's own sessions", () => {
  it("lists them, most recently used first, the current one marked", async () => {
    world.actAs(alice);
    const laptop = world.revoker.open(alice.id, true);
    const phone = world.revoker.open(alice.id);
    world.revoker.open(bob.id);

    const sessions = await world.useCases.mySessions.execute();
    expect(sessions.map((s) => [s.id, s.current])).toEqual([
      [phone, false],
      [laptop, true],
    ]);
    expect(sessions[0]).toMatchObject({ ipAddress: "203.0.113.1", userAgent: "Test" });
  });

  it("ends one of them inside a transaction", async () => {
    world.actAs(alice);
    world.revoker.open(alice.id, true);
    const phone = world.revoker.open(alice.id);

    expect(await world.useCases.endMySession.execute({ sessionId: phone })).toEqual({ ok: true });
    expect((await world.useCases.mySessions.execute()).map((s) => s.id)).not.toContain(phone);
    expect(world.revoker.calls).toEqual([{ kind: "one", userId: alice.id, inTransaction: true }]);
  });

  it("answers another user's session id exactly like an unknown one", async () => {
    world.actAs(alice);
    const bobs = world.revoker.open(bob.id);

    await expect(world.useCases.endMySession.execute({ sessionId: bobs })).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
    await expect(world.useCases.endMySession.execute({ sessionId: "nope" })).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
    expect(world.revoker.sessions).toHaveLength(1);
    await expect(world.useCases.endMySession.execute({ sessionId: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { sessionId: ["Session id must be 1–64 characters."] },
    });
  });

  it("takes a session id of up to 64 characters, and refuses a longer one", async () => {
    world.actAs(alice);
    await expect(world.useCases.endMySession.execute({ sessionId: "s".repeat(64) })).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
    await expect(world.useCases.endMySession.execute({ sessionId: "s".repeat(65) })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { sessionId: ["Session id must be 1–64 characters."] },
    });
  });

  it("ends every other session and keeps the current one", async () => {
    world.actAs(alice);
    const laptop = world.revoker.open(alice.id, true);
    world.revoker.open(alice.id);
    world.revoker.open(alice.id);

    expect(await world.useCases.endMyOtherSessions.execute()).toEqual({ ok: true });
    expect((await world.useCases.mySessions.execute()).map((s) => s.id)).toEqual([laptop]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: alice.id, inTransaction: true }]);
  });

  it("needs a caller", async () => {
    await expect(world.useCases.mySessions.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    await expect(world.useCases.endMyOtherSessions.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});

describe("an admin and the sessions of others", () => {
  it("lists and ends the sessions of someone below them", async () => {
    world.actAs(admin);
    world.revoker.open(alice.id);
    world.revoker.open(alice.id);

    expect(await world.useCases.userSessions.execute({ userId: alice.id })).toHaveLength(2);
    expect(await world.useCases.endUserSessions.execute({ userId: alice.id })).toEqual({ ok: true });
    expect(await world.useCases.userSessions.execute({ userId: alice.id })).toEqual([]);
    expect(world.revoker.calls).toEqual([{ kind: "all", userId: alice.id, inTransaction: true }]);
  });

  it.each([
    ["a user looking at another user", "user", "PERMISSION_DENIED"],
    ["an admin looking at another admin", "admin", "PERMISSION_DENIED"],
  ] as const)("refuses %s", async (_label, role, code) => {
    const actor = world.seed(`acting.${role}`, role);
    world.actAs(actor);
    const target = role === "admin" ? admin : bob;
    await expect(world.useCases.userSessions.execute({ userId: target.id })).rejects.toMatchObject({ code });
    await expect(world.useCases.endUserSessions.execute({ userId: target.id })).rejects.toMatchObject({ code });
  });

  it("reports an unknown user", async () => {
    world.actAs(admin);
    const userId = "01900000-0000-7000-8000-000000000000";
    await expect(world.useCases.userSessions.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(world.useCases.endUserSessions.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
  });
});
