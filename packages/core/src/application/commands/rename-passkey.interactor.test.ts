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

describe("RenamePasskeyInteractor", () => {
  it("renames the caller's passkey, trimmed, and nothing else", async () => {
    const phone = world.seedPasskey(user, { name: "phone", counter: 7, backedUp: true });
    const laptop = world.seedPasskey(user, { name: "laptop" });

    expect(await world.useCases.renamePasskey.execute({ passkeyId: phone.id, name: "  Old phone " })).toEqual({
      ok: true,
    });

    expect(world.passkeys.passkeys).toMatchObject([
      { id: phone.id, name: "Old phone", counter: 7, backedUp: true },
      { id: laptop.id, name: "laptop" },
    ]);
    // A name is no factor: the user's version and sessions stay, and nothing is audited.
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.revoker.calls).toEqual([]);
    expect(world.store.events).toEqual([]);
  });

  it("names every invalid field at once", async () => {
    await expect(world.useCases.renamePasskey.execute({ passkeyId: "", name: " " })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: {
        passkeyId: ["Passkey id must be 1–64 characters."],
        name: ["Name must be 1–64 characters long."],
      },
    });
  });

  it("refuses a name with a control character, keeping the old one", async () => {
    const passkey = world.seedPasskey(user, { name: "phone" });
    await expect(world.useCases.renamePasskey.execute({ passkeyId: passkey.id, name: "a\nb" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { name: ["Name must not contain control characters."] },
    });
    expect(passkey.name).toBe("phone");
  });

  it.each([
    ["another user's passkey", () => world.seedPasskey(world.seed("other.user"), { name: "theirs" }).id],
    ["an unknown id", () => "01900000-0000-7000-8000-000000000000"],
  ])("answers PASSKEY_NOT_FOUND for %s, renaming nothing", async (_label, idOf) => {
    const passkeyId = idOf();

    await expect(world.useCases.renamePasskey.execute({ passkeyId, name: "mine now" })).rejects.toMatchObject({
      code: "PASSKEY_NOT_FOUND",
      message: "You have no passkey with this id.",
    });
    expect(world.passkeys.passkeys.map((passkey) => passkey.name)).not.toContain("mine now");
  });

  it("answers a caller REQUIRE_MFA holds back (no passkey yet) as anyone, not MFA_ENROLMENT_REQUIRED", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);

    await expect(
      world.useCases.renamePasskey.execute({ passkeyId: "01900000-0000-7000-8000-000000000000", name: "x" }),
    ).rejects.toMatchObject({ code: "PASSKEY_NOT_FOUND" });
  });

  it("needs a caller, and an active one", async () => {
    const passkey = world.seedPasskey(user, { name: "phone" });
    world.actAs(null);
    await expect(world.useCases.renamePasskey.execute({ passkeyId: passkey.id, name: "x" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(world.useCases.renamePasskey.execute({ passkeyId: passkey.id, name: "x" })).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
    expect(passkey.name).toBe("phone");
  });
});
