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
    expect(
      await world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" }),
    ).toEqual({ ok: true });

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
      world.useCases.changePassword.execute({
        currentPassword: "correct horse",
        newPassword: "ｃｏｒｒｅｃｔ ｈｏｒｓｅ",
      }),
    ).rejects.toMatchObject({ code: "PASSWORD_UNCHANGED" });
  });

  it("names an invalid new password", async () => {
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "short" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { newPassword: ["Password must be 8–128 characters long."] },
    });
  });

  it("counts each check of the current password against the account's budget, and audits each failure on its own", async () => {
    const change = (currentPassword: string) =>
      world.useCases.changePassword.execute({ currentPassword, newPassword: "battery staple" }).then(
        () => "ok",
        (error: { code?: string; constructor: { name: string } }) => error.code ?? error.constructor.name,
      );
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) outcomes.push(await change(`wrong guess ${i}`));
    expect(outcomes).toEqual([...Array(10).fill("CURRENT_PASSWORD_INVALID"), "FakeRateLimitedError"]);
    // The budget is spent: even the right password is refused now, and nothing changed.
    expect(await change("correct horse")).toBe("FakeRateLimitedError");
    expect(world.store.committed.get(user.id)?.version).toBe(0);
    const failures = world.store.events.filter((event) => event.type === "user.password_confirmation_failed");
    expect(failures).toHaveLength(10);
    expect(failures.every((event) => event.actorId === user.id && event.targetId === user.id)).toBe(true);
  });

  it("forgives the count once the right password is given", async () => {
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "wrong horse", newPassword: "battery staple" }),
    ).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });
    expect(world.attempts.counts.get("a.user")).toBe(1);
    await world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" });
    expect(world.attempts.counts.has("a.user")).toBe(false);
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(
      world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" }),
    ).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});
