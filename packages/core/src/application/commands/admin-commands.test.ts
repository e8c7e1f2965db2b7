import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let root: User;
let admin: User;
let user: User;

beforeEach(() => {
  world = createWorld();
  root = world.seed("root.admin", "super_admin");
  admin = world.seed("an.admin", "admin");
  user = world.seed("a.user", "user");
  world.actAs(root);
});

const stored = (target: User) => world.store.committed.get(target.id)!;

describe("CreateUserInteractor", () => {
  it("creates an active user with the given role", async () => {
    const { id } = await world.useCases.createUser.execute({
      username: "New.Admin",
      password: "correct horse",
      role: "admin",
    });

    expect(stored({ id } as User)).toMatchObject({
      role: "admin",
      isActive: true,
      passwordHash: "hashed:correct horse",
    });
  });

  it("names every invalid field, including a role that cannot be given", async () => {
    await expect(
      world.useCases.createUser.execute({ username: "x", password: "short", role: "super_admin" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: {
        username: ["Username must be 5–20 characters long."],
        password: ["Password must be 8–128 characters long."],
        role: ["Role must be one of admin, user."],
      },
    });
  });

  it("refuses a taken username in any case", async () => {
    await expect(
      world.useCases.createUser.execute({ username: "A.USER", password: "correct horse", role: "user" }),
    ).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
  });
});

describe("SetUserPasswordInteractor", () => {
  it("sets the password and ends all of the target's sessions in the same transaction", async () => {
    await world.useCases.setUserPassword.execute({ userId: user.id, password: "brand new secret" });

    expect(stored(user).passwordHash).toBe("hashed:brand new secret");
    expect(stored(user).version).toBe(1);
    expect(world.revoker.calls).toEqual([{ kind: "all", userId: user.id, inTransaction: true }]);
  });

  it("names an invalid password and an invalid id", async () => {
    await expect(world.useCases.setUserPassword.execute({ userId: user.id, password: "short" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { password: ["Password must be 8–128 characters long."] },
    });
    await expect(
      world.useCases.setUserPassword.execute({ userId: "42", password: "long enough" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
  });

  it("reports an unknown user", async () => {
    await expect(
      world.useCases.setUserPassword.execute({
        userId: "01900000-0000-7000-8000-000000000000",
        password: "long enough",
      }),
    ).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    expect(world.revoker.calls).toEqual([]);
  });
});

describe("GrantAdminInteractor and RevokeAdminInteractor", () => {
  it("grant and revoke, each idempotent: a repeat writes nothing", async () => {
    await world.useCases.grantAdmin.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ role: "admin", version: 1 });
    await world.useCases.grantAdmin.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ role: "admin", version: 1 });

    await world.useCases.revokeAdmin.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ role: "user", version: 2 });
    await world.useCases.revokeAdmin.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ role: "user", version: 2 });
    expect(world.store.commits).toBe(2);
  });

  it("refuses to touch the super admin's role", async () => {
    await expect(world.useCases.revokeAdmin.execute({ userId: root.id })).rejects.toMatchObject({
      code: "ROLE_CHANGE_NOT_PERMITTED",
    });
    expect(stored(root).role).toBe("super_admin");
  });

  it("report an unknown user", async () => {
    const userId = "01900000-0000-7000-8000-000000000000";
    await expect(world.useCases.grantAdmin.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(world.useCases.revokeAdmin.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
  });
});

describe("ActivateUserInteractor and DeactivateUserInteractor", () => {
  it("deactivating ends every session of the user with the same commit", async () => {
    world.actAs(admin);
    await world.useCases.deactivateUser.execute({ userId: user.id });

    expect(stored(user)).toMatchObject({ isActive: false, version: 1 });
    expect(world.revoker.calls).toEqual([{ kind: "all", userId: user.id, inTransaction: true }]);
  });

  it("deactivating again writes nothing but still leaves no session behind", async () => {
    world.actAs(admin);
    await world.useCases.deactivateUser.execute({ userId: user.id });
    await world.useCases.deactivateUser.execute({ userId: user.id });

    expect(stored(user).version).toBe(1);
    expect(world.revoker.calls.map((call) => call.kind)).toEqual(["all", "all"]);
  });

  it("activating is idempotent too", async () => {
    world.actAs(admin);
    await world.useCases.activateUser.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ isActive: true, version: 0 }); // already active: nothing written

    await world.useCases.deactivateUser.execute({ userId: user.id });
    await world.useCases.activateUser.execute({ userId: user.id });
    expect(stored(user)).toMatchObject({ isActive: true, version: 2 });
  });

  it("a deactivated user can no longer act", async () => {
    await world.useCases.deactivateUser.execute({ userId: admin.id });
    world.actAs(admin);
    await expect(world.useCases.listUsers.execute()).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });

  it("nobody deactivates the super admin, the super admin included", async () => {
    await expect(world.useCases.deactivateUser.execute({ userId: root.id })).rejects.toMatchObject({
      code: "ACTIVATION_CHANGE_NOT_PERMITTED",
    });
    expect(world.revoker.calls).toEqual([]);
  });

  it("report an unknown user", async () => {
    const userId = "01900000-0000-7000-8000-000000000000";
    await expect(world.useCases.activateUser.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(world.useCases.deactivateUser.execute({ userId })).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
  });
});

describe("the answers of the admin commands", () => {
  it("is { ok: true } for a change and for a repeat that changes nothing, which writes nothing", async () => {
    const { useCases, store } = world;
    const target = { userId: user.id };
    const version = stored(user).version;
    const events = store.events.length;
    // nothing to change on a plain, active user
    expect(await useCases.revokeAdmin.execute(target)).toEqual({ ok: true });
    expect(await useCases.activateUser.execute(target)).toEqual({ ok: true });
    expect(stored(user).version).toBe(version);
    expect(store.events).toHaveLength(events);
    // a change, then the same again: one write each
    for (const command of [useCases.grantAdmin, useCases.deactivateUser]) {
      expect(await command.execute(target)).toEqual({ ok: true });
      expect(await command.execute(target)).toEqual({ ok: true });
    }
    expect(stored(user).version).toBe(version + 2);
    expect(store.events.slice(events).map((e) => e.type)).toEqual(["user.admin_granted", "user.deactivated"]);
    expect(stored(user)).toMatchObject({ role: "admin", isActive: false });
    expect(await useCases.revokeAdmin.execute(target)).toEqual({ ok: true });
    expect(await useCases.activateUser.execute(target)).toEqual({ ok: true });
    expect(await useCases.setUserPassword.execute({ userId: user.id, password: "another password" })).toEqual({
      ok: true,
    });
    expect(await useCases.endUserSessions.execute(target)).toEqual({ ok: true });
    expect(stored(user)).toMatchObject({ role: "user", isActive: true, passwordHash: "hashed:another password" });
  });
});
