import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

function arrange(requireMfa: "none" | "all" = "none") {
  world = createWorld({ requireMfa });
  user = world.seed("a.user");
  world.actAs(user);
  world.revoker.open(user.id, true);
  world.revoker.open(user.id);
}

beforeEach(() => arrange());

const remove = (passkeyId: string, password = "correct horse") =>
  world.useCases.removePasskey.execute({ passkeyId, password });

/** Nothing changed: the passkeys as seeded, the user's version, their sessions, no commit. */
function expectNothingChanged(passkeys: unknown[]) {
  expect(world.passkeys.passkeys).toEqual(passkeys);
  expect(world.store.committed.get(user.id)!.version).toBe(0);
  expect(world.revoker.sessions).toHaveLength(2);
  expect(world.store.commits).toBe(0);
}

const KEEP_ONE =
  "Your account must keep a second factor: add another passkey or an authenticator app before removing this one.";

describe("RemovePasskeyInteractor", () => {
  it("removes that passkey only, ends the other sessions, bumps the version and audits it", async () => {
    const lost = world.seedPasskey(user, { name: "lost phone" });
    const kept = world.seedPasskey(user, { name: "laptop" });
    world.clock.advance(60_000);

    expect(await remove(lost.id)).toEqual({ ok: true });

    expect(world.passkeys.passkeys).toEqual([kept]);
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: world.clock.now() });
    expect(world.revoker.sessions.map((session) => session.current)).toEqual([true]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "passkey.removed", actorId: user.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
    expect(world.store.commits).toBe(1);
    expect(world.attempts.counts.size).toBe(0);
  });

  it.each([
    ["a wrong password", "wrong horse"],
    ["a password that breaks the rules", "short"],
  ])("refuses %s, counting it on the account's budget and removing nothing", async (_label, password) => {
    const passkey = world.seedPasskey(user);

    await expect(remove(passkey.id, password)).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });

    expectNothingChanged([passkey]);
    expect(world.attempts.counts.get("a.user")).toBe(1);
    expect(world.store.events).toMatchObject([
      { type: "user.password_confirmation_failed", actorId: user.id, targetId: user.id },
    ]);
    expect(world.store.events).toHaveLength(1);
  });

  it("names an invalid id before the password is checked or counted", async () => {
    await expect(remove("x".repeat(65), "wrong horse")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { passkeyId: ["Passkey id must be 1–64 characters."] },
    });
    expect(world.attempts.counts.size).toBe(0);
    expect(world.store.events).toEqual([]);
  });

  it.each([
    ["another user's passkey", () => world.seedPasskey(world.seed("other.user"))],
    ["an unknown id", () => null],
  ])("answers PASSKEY_NOT_FOUND for %s, after the password, removing nothing", async (_label, passkeyOf) => {
    const theirs = passkeyOf();
    const mine = world.seedPasskey(user);

    await expect(remove(theirs?.id ?? "01900000-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "PASSKEY_NOT_FOUND",
    });
    expectNothingChanged(theirs ? [theirs, mine] : [mine]);
    expect(world.store.events).toEqual([]);
  });

  it("answers PASSKEY_NOT_FOUND, changing nothing, when another request removed it meanwhile", async () => {
    const passkey = world.seedPasskey(user);
    const listOf = world.passkeys.listOf.bind(world.passkeys);
    world.passkeys.listOf = async (userId) => {
      const listed = await listOf(userId);
      world.passkeys.passkeys.splice(0); // the other request's removal lands after the check
      return listed;
    };

    await expect(remove(passkey.id)).rejects.toMatchObject({ code: "PASSKEY_NOT_FOUND" });
    expectNothingChanged([]);
    expect(world.revoker.calls).toEqual([]);
    expect(world.store.events).toEqual([]);
  });

  describe("under REQUIRE_MFA", () => {
    beforeEach(() => arrange("all"));

    it("refuses removing the last passkey of a user without an authenticator app", async () => {
      const passkey = world.seedPasskey(user);

      await expect(remove(passkey.id)).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED", message: KEEP_ONE });
      expectNothingChanged([passkey]);
      expect(world.store.events).toEqual([]);
    });

    it("refuses it with an app that is only pending", async () => {
      world.seedTotp(user, { pending: true });
      const passkey = world.seedPasskey(user);

      await expect(remove(passkey.id)).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });
      expectNothingChanged([passkey]);
    });

    it("answers another user's passkey id as unknown, not with the rule about the caller's last one", async () => {
      const mine = world.seedPasskey(user);
      const theirs = world.seedPasskey(world.seed("other.user"));

      await expect(remove(theirs.id)).rejects.toMatchObject({ code: "PASSKEY_NOT_FOUND" });
      expectNothingChanged([mine, theirs]);
    });

    it.each([
      ["another passkey", () => world.seedPasskey(user, { name: "spare" })],
      ["an authenticator app", () => void world.seedTotp(user)],
    ])("removes one while %s is left", async (_label, arrangeOther) => {
      const passkey = world.seedPasskey(user);
      arrangeOther();

      await remove(passkey.id);
      expect(world.passkeys.passkeys.map((left) => left.id)).not.toContain(passkey.id);
      expect(world.store.events).toMatchObject([{ type: "passkey.removed" }]);
    });
  });

  it("needs a caller, and an active one", async () => {
    const passkey = world.seedPasskey(user);
    world.actAs(null);
    await expect(remove(passkey.id)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(remove(passkey.id)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(world.passkeys.passkeys).toEqual([passkey]);
    expect(world.attempts.counts.size).toBe(0);
  });
});
