import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";

let world: World;

beforeEach(() => {
  world = createWorld();
});

const TOO_COMMON = { code: "VALIDATION_FAILED", fieldErrors: expect.anything() };

describe("a common password is refused wherever a new password is chosen", () => {
  // [use case, how it is called with `password`, the input field that holds it]
  const cases: Array<[string, (w: World, password: string) => Promise<unknown>, string]> = [
    ["sign-up", (w, password) => w.useCases.signUp.execute({ username: "new.person", password }), "password"],
    [
      "bootstrap",
      (w, password) => w.useCases.bootstrapSuperAdmin.execute({ username: "root.admin", password }),
      "password",
    ],
    [
      "admin create",
      (w, password) => {
        w.actAs(w.seed("an.admin", "admin"));
        return w.useCases.createUser.execute({ username: "new.person", password, role: "user" });
      },
      "password",
    ],
    [
      "admin set-password",
      (w, password) => {
        const target = w.seed("a.user");
        w.actAs(w.seed("an.admin", "admin"));
        return w.useCases.setUserPassword.execute({ userId: target.id, password });
      },
      "password",
    ],
    [
      "change password",
      (w, newPassword) => {
        w.actAs(w.seed("a.user"));
        return w.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword });
      },
      "newPassword",
    ],
  ];

  it.each(cases)(
    "%s: refused as a field error, whatever its case and width, and nothing is hashed or saved",
    async (_, call, field) => {
      for (const password of ["password", "PassWord", "ＩＬＯＶＥＹＯＵ", "12345678"]) {
        const fresh = createWorld();
        const hashesBefore = fresh.hasher.hashes;
        await expect(call(fresh, password)).rejects.toMatchObject({
          ...TOO_COMMON,
          fieldErrors: { [field]: ["This password is too common."] },
        });
        expect(fresh.hasher.hashes).toBe(hashesBefore);
        expect(fresh.store.commits).toBe(0);
      }
    },
  );

  it.each(cases)("%s: an uncommon password of any composition is accepted", async (_, call) => {
    await expect(call(world, "my cat's name is football")).resolves.toBeDefined();
    expect(world.store.commits).toBe(1);
  });
});

describe("sign-up", () => {
  it("says a name is taken before it spends a hash on it", async () => {
    world.seed("taken.name");
    const hashesBefore = world.hasher.hashes;
    await expect(
      world.useCases.signUp.execute({ username: "Taken.Name", password: "battery staple" }),
    ).rejects.toMatchObject({
      code: "USERNAME_TAKEN",
    });
    expect(world.hasher.hashes).toBe(hashesBefore);
  });
});
