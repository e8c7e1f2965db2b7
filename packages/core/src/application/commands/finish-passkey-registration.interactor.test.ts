import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, fakePublicKey, registrationResponse, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  world.actAs(user);
  world.revoker.open(user.id, true);
  world.revoker.open(user.id);
});

/** The caller begins a registration: the challenge their authenticator signs. */
async function begin(): Promise<string> {
  const options = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });
  return options.challenge;
}

function finish(response: unknown, name = "My phone") {
  return world.useCases.finishPasskeyRegistration.execute({ name, response });
}

/** Nothing was stored: no passkey, the user as seeded, their sessions live, nothing audited. */
function expectNothingStored() {
  expect(world.passkeys.passkeys).toEqual([]);
  expect(world.store.committed.get(user.id)!.version).toBe(0);
  expect(world.revoker.sessions).toHaveLength(2);
  expect(world.store.commits).toBe(0);
  expect(world.store.events).toEqual([]);
}

describe("FinishPasskeyRegistrationInteractor", () => {
  it("keeps the verified passkey under its trimmed name, ends the other sessions, and audits it", async () => {
    const challenge = await begin();
    world.clock.advance(60_000);
    const now = world.clock.now();
    const response = registrationResponse(challenge, {
      credentialId: "new-credential",
      counter: 3,
      transports: ["usb", "nfc"],
      backedUp: false,
    });

    const { id } = await finish(response, "  Security key ");

    expect(world.passkeys.passkeys).toEqual([
      {
        id,
        userId: user.id,
        name: "Security key",
        credentialId: "new-credential",
        publicKey: fakePublicKey("new-credential"),
        counter: 3,
        transports: ["usb", "nfc"],
        backedUp: false,
        createdAt: now,
        lastUsedAt: null,
      },
    ]);
    expect(world.store.committed.get(user.id)).toMatchObject({ version: 1, updatedAt: now });
    expect(world.revoker.sessions.map((session) => session.current)).toEqual([true]);
    expect(world.revoker.calls).toEqual([{ kind: "others", userId: user.id, inTransaction: true }]);
    expect(world.store.events).toMatchObject([{ type: "passkey.added", actorId: user.id, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
    expect(world.store.commits).toBe(1);
    expect(world.passkeyChallenges.live.size).toBe(0);
    expect(await world.useCases.myPasskeys.execute()).toEqual([
      { id, name: "Security key", createdAt: now, lastUsedAt: null, backedUp: false },
    ]);
  });

  it("keeps a synced passkey as backed up, and a second one beside the first", async () => {
    const first = await finish(registrationResponse(await begin(), { credentialId: "phone" }), "Phone");
    const second = await finish(registrationResponse(await begin(), { credentialId: "laptop" }), "Laptop");

    expect(second.id).not.toBe(first.id);
    expect(world.passkeys.passkeys.map(({ id, name, backedUp }) => ({ id, name, backedUp }))).toEqual([
      { id: first.id, name: "Phone", backedUp: true },
      { id: second.id, name: "Laptop", backedUp: true },
    ]);
    expect(world.store.committed.get(user.id)!.version).toBe(2);
  });

  it("enrols a caller REQUIRE_MFA held back: everything else opens to them", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);
    await expect(world.useCases.myApiKeys.execute()).rejects.toMatchObject({ code: "MFA_ENROLMENT_REQUIRED" });

    await finish(registrationResponse(await begin()));
    expect(await world.useCases.myApiKeys.execute()).toEqual([]);
  });

  it.each([
    ["nothing", "   ", "Name must be 1–64 characters long."],
    ["65 characters", "x".repeat(65), "Name must be 1–64 characters long."],
    ["a control character", "my\u0000phone", "Name must not contain control characters."],
  ])("names a name of %s, before the challenge is spent", async (_label, name, message) => {
    const response = registrationResponse(await begin());

    await expect(finish(response, name)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { name: [message] },
    });
    expectNothingStored();

    // The ceremony is still live: the same answer with a good name is kept.
    await finish(response, "My phone");
    expect(world.passkeys.passkeys.map((passkey) => passkey.name)).toEqual(["My phone"]);
  });

  it("rejects an answer when no registration was begun", async () => {
    await expect(finish(registrationResponse("challenge-1"))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expectNothingStored();
  });

  it("rejects an answer to a log-in challenge: challenges are bound to their ceremony", async () => {
    world.actAs(null);
    const options = await world.useCases.beginPasskeyLogIn.execute();
    world.actAs(user);

    await expect(finish(registrationResponse(options.challenge))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
    });
    expectNothingStored();
  });

  it("rejects a registration challenge made for another user, and spends it", async () => {
    const other = world.seed("other.user");
    const challenge = await world.passkeyChallenges.issue("registration", other.id);

    await expect(finish(registrationResponse(challenge))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expectNothingStored();
    expect(world.passkeyChallenges.live.size).toBe(0);
  });

  it.each([
    ["signs another challenge", (challenge: string) => registrationResponse(`${challenge}-other`)],
    ["did not verify the user", (challenge: string) => registrationResponse(challenge, { userVerified: false })],
    ["is not a registration at all", () => ({ credentialId: "credential-1" })],
    ["is nothing", () => null],
  ])("rejects an answer that %s, and the challenge is spent", async (_label, answer) => {
    const challenge = await begin();

    await expect(finish(answer(challenge))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expectNothingStored();
    // Single use: the right answer to that challenge is now refused too.
    await expect(finish(registrationResponse(challenge))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expectNothingStored();
  });

  it.each([
    ["the caller's", () => user],
    ["another user's", () => world.seed("other.user")],
  ])("rejects an authenticator already registered as %s", async (_label, ownerOf) => {
    const existing = world.seedPasskey(ownerOf(), { credentialId: "known-credential" });

    await expect(
      finish(registrationResponse(await begin(), { credentialId: "known-credential" })),
    ).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expect(world.passkeys.passkeys).toEqual([existing]);
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.store.events).toEqual([]);
  });

  it("needs a caller, and an active one, before the challenge is spent", async () => {
    const response = registrationResponse(await begin());
    world.actAs(null);
    await expect(finish(response)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    world.actAs(world.seed("gone.user", "user", false));
    await expect(finish(response)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(world.passkeyChallenges.live.has("registration")).toBe(true);
    expect(world.passkeys.passkeys).toEqual([]);
  });
});
