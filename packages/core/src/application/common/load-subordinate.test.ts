import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";
import { loadSubordinate } from "./load-subordinate";

let world: World;
let root: User, admin: User, user: User;

beforeEach(() => {
  world = createWorld();
  [root, admin, user] = [
    world.seed("root.admin", "super_admin"),
    world.seed("an.admin", "admin"),
    world.seed("a.user"),
  ];
});

const UNKNOWN = "01900000-0000-7000-8000-000000000000";
const refuse = () => {
  throw Object.assign(new Error("the target's own refusal"), { code: "TARGET_REFUSED" });
};

describe("loadSubordinate", () => {
  it("returns the target, freshly read, when it is below the actor", async () => {
    const target = await loadSubordinate(world.store, admin, user.id.toUpperCase());
    expect(target).toMatchObject({ id: user.id, role: "user" });
    expect(target).not.toBe(world.store.committed.get(user.id));
  });

  it("checks the id, then that the user exists, then the target's own rule, then the hierarchy", async () => {
    await expect(loadSubordinate(world.store, user, "42", refuse)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { userId: ["User id must be a UUID."] },
    });
    await expect(loadSubordinate(world.store, user, UNKNOWN, refuse)).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
    await expect(loadSubordinate(world.store, user, admin.id, refuse)).rejects.toMatchObject({
      code: "TARGET_REFUSED",
    });
    await expect(loadSubordinate(world.store, user, admin.id)).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
  });

  it("passes the loaded target to the target's own rule", async () => {
    const seen: string[] = [];
    await loadSubordinate(world.store, root, admin.id, (target) => seen.push(target.id));
    expect(seen).toEqual([admin.id]);
  });

  it("refuses oneself and anyone not below the actor", async () => {
    for (const [actor, target] of [
      [admin, admin],
      [admin, root],
      [root, root],
      [user, user],
    ] as const) {
      await expect(loadSubordinate(world.store, actor, target.id)).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
    }
  });
});
