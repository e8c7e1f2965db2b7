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

describe("ChangePasswordInteractor", () => {
  it("changes the password and ends every other session of the user in the same transaction", async () => {
    await world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" });

    expect(world.store.committed.get(user.id)).toMatchObject({ passwordHash: "hashed:battery staple", version: 1 });
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
  });

  it.each([
    ["a wrong current password", "wrong horse"],
    ["a current password that breaks the rules", "short"],
  ])("refuses %s", async (_label, currentPassword) => {
    await expect(
      world.useCases.changePassword.execute({ currentPassword, newPassword: "battery staple" }),
    ).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });
    expect(world.store.committed.get(user.id)?.version).toBe(0);
    expect(world.revoker.calls).toEqual([]);
  });

  it("refuses a new password equal to the current one, even spelt differently before NFKC", async () => {
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "ｃｏｒｒｅｃｔ ｈｏｒｓｅ" }),
    ).rejects.toMatchObject({ code: "PASSWORD_UNCHANGED" });
  });

  it("names an invalid new password", async () => {
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "short" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { newPassword: ["Password must be 8–128 characters long."] } });
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" }),
    ).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
