import { beforeEach, describe, expect, it } from "vitest";
import { assertionResponse, createWorld, type StoredPasskeyRow, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

let world: World;
let user: User;
let passkey: StoredPasskeyRow;

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  passkey = world.seedPasskey(user, { counter: 5 });
});

/** The browser begins a passkey log-in: the challenge its device signs. */
async function begin(): Promise<string> {
  return (await world.useCases.beginPasskeyLogIn.execute()).challenge;
}

/** An assertion by the seeded passkey's device. */
const mine = (challenge: string, answer: Parameters<typeof assertionResponse>[2]) =>
  assertionResponse(challenge, passkey.credentialId, answer);

const finish = (response: unknown) => world.useCases.finishPasskeyLogIn.execute({ response });

/** The passkey as seeded: counter, last use and backup state untouched. */
function expectPasskeyUnused() {
  expect(world.passkeys.passkeys).toEqual([
    expect.objectContaining({ id: passkey.id, counter: 5, lastUsedAt: null, backedUp: false }),
  ]);
}

const LOGIN_FAILED = {
  type: "user.login_failed",
  actorId: null,
  targetId: null as string | null,
  attemptedUsername: null,
  method: "passkey",
};

describe("FinishPasskeyLogInInteractor", () => {
  it("returns the passkey's owner and stores the new counter, the time and the backup state", async () => {
    const challenge = await begin();
    world.clock.advance(60_000);

    const { user: loggedIn } = await finish(
      assertionResponse(challenge, passkey.credentialId, { counter: 6, backedUp: true }),
    );

    expect(loggedIn.id).toBe(user.id);
    expect(loggedIn.username.value).toBe("a.user");
    expect(world.passkeys.passkeys).toEqual([
      { ...passkey, counter: 6, backedUp: true, lastUsedAt: world.clock.now() },
    ]);
    expect(world.passkeyChallenges.live.size).toBe(0);
    // The log-in itself (session, user.logged_in) is the log-in handler's.
    expect(world.store.events).toEqual([]);
    expect(world.store.committed.get(user.id)!.version).toBe(0);
  });

  it("accepts an authenticator that keeps no counter (0 both times)", async () => {
    const synced = world.seedPasskey(user, { credentialId: "synced", counter: 0, backedUp: true });

    const { user: loggedIn } = await finish(assertionResponse(await begin(), "synced", { counter: 0 }));
    expect(loggedIn.id).toBe(user.id);
    expect(synced).toMatchObject({ counter: 0, lastUsedAt: world.clock.now() });
  });

  it("asks for no code: a passkey is two factors by itself, whatever else the user has", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.seedTotp(user);
    passkey = world.seedPasskey(user);

    const { user: loggedIn } = await finish(assertionResponse(await begin(), passkey.credentialId));
    expect(loggedIn.id).toBe(user.id);
    expect(world.challenges.current).toBeNull();
  });

  it("refuses a caller who is already logged in, before the challenge is spent", async () => {
    const challenge = await begin();
    world.actAs(user);

    await expect(finish(assertionResponse(challenge, passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "ALREADY_AUTHENTICATED",
    });
    expect(world.passkeyChallenges.live.has("log-in")).toBe(true);
    expectPasskeyUnused();
  });

  it("rejects an assertion when no log-in was begun, auditing nothing", async () => {
    await expect(finish(assertionResponse("challenge-1", passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
      message: "This passkey could not be verified. Try again.",
    });
    expectPasskeyUnused();
    expect(world.store.events).toEqual([]);
  });

  it("rejects an assertion over a registration challenge: challenges are bound to their ceremony", async () => {
    world.actAs(user);
    const options = await world.useCases.beginPasskeyRegistration.execute({ password: "correct horse" });
    world.actAs(null);

    await expect(
      finish(assertionResponse(options.challenge, passkey.credentialId, { counter: 6 })),
    ).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expectPasskeyUnused();
    expect(world.passkeyChallenges.live.has("registration")).toBe(true);
  });

  it("looks no credential up without a challenge, or for an assertion that names none", async () => {
    const lookedUp: string[] = [];
    const findByCredentialId = world.passkeys.findByCredentialId.bind(world.passkeys);
    world.passkeys.findByCredentialId = async (credentialId) => {
      lookedUp.push(credentialId);
      return findByCredentialId(credentialId);
    };

    await expect(finish(mine("challenge-1", { counter: 6 }))).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    await begin();
    await expect(finish({ counter: 6 })).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expect(lookedUp).toEqual([]);
    expect(world.store.events).toEqual([]);
  });

  it.each([
    ["an unknown credential", () => assertionResponse("challenge-1", "unknown-credential", { counter: 6 })],
    ["no credential id", () => ({ challenge: "challenge-1" })],
    ["nothing", () => null],
  ])("rejects an assertion naming %s, spending the challenge and auditing nothing", async (_label, response) => {
    await begin();

    await expect(finish(response())).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    expect(world.passkeyChallenges.live.size).toBe(0);
    expect(world.store.events).toEqual([]);
    expectPasskeyUnused();
  });

  it.each([
    ["signs another challenge", (challenge: string) => mine(`${challenge}x`, { counter: 6 })],
    ["did not verify the user", (challenge: string) => mine(challenge, { counter: 6, userVerified: false })],
    ["is signed with another key", (challenge: string) => mine(challenge, { counter: 6, signedWith: "forger" })],
    ["replays the stored counter", (challenge: string) => mine(challenge, { counter: 5 })],
    ["goes back to 0", (challenge: string) => mine(challenge, { counter: 0 })],
    [
      "answers a registration instead",
      (challenge: string) => ({ ...mine(challenge, { counter: 6 }), ceremony: "registration" }),
    ],
  ])("rejects an assertion of a known passkey that %s, auditing a failed passkey log-in", async (_label, answer) => {
    const challenge = await begin();

    await expect(finish(answer(challenge))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
    });
    expectPasskeyUnused();
    expect(world.store.events).toMatchObject([{ ...LOGIN_FAILED, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
    // Single use: the right assertion over that challenge is refused now too.
    await expect(finish(assertionResponse(challenge, passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
    });
  });

  it("logs in once with one assertion: a parallel request that stored its counter first wins", async () => {
    const challenge = await begin();
    const findByCredentialId = world.passkeys.findByCredentialId.bind(world.passkeys);
    world.passkeys.findByCredentialId = async (credentialId) => {
      const found = await findByCredentialId(credentialId);
      passkey.counter = 6; // the other request's recordUse, between this one's read and its write
      return found;
    };

    await expect(finish(assertionResponse(challenge, passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
    });
    expect(passkey).toMatchObject({ counter: 6, lastUsedAt: null });
    expect(world.store.events).toMatchObject([{ ...LOGIN_FAILED, targetId: user.id }]);
  });

  it("passes on a failure of the verifier itself, auditing no failed log-in", async () => {
    const failure = new Error("the library broke");
    world.passkeyVerifier.verifyLogIn = async () => {
      throw failure;
    };

    await expect(finish(assertionResponse(await begin(), passkey.credentialId, { counter: 6 }))).rejects.toBe(failure);
    expect(world.store.events).toEqual([]);
    expectPasskeyUnused();
  });

  it("refuses a deactivated owner with ACCOUNT_INACTIVE, auditing a failed passkey log-in", async () => {
    world.store.committed.get(user.id)!.changeActivation(false, world.clock.now());

    await expect(finish(assertionResponse(await begin(), passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "ACCOUNT_INACTIVE",
    });
    expect(world.store.events).toMatchObject([{ ...LOGIN_FAILED, targetId: user.id }]);
    expect(world.store.events).toHaveLength(1);
  });

  it("rejects a passkey whose owner was deleted meanwhile", async () => {
    world.store.committed.delete(user.id);

    await expect(finish(assertionResponse(await begin(), passkey.credentialId, { counter: 6 }))).rejects.toMatchObject({
      code: "PASSKEY_REJECTED",
    });
  });
});
