import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";

let world: World;

beforeEach(() => {
  world = createWorld();
});

describe("BeginPasskeyLogInInteractor", () => {
  it("issues a log-in challenge bound to nobody, in options that name no credential", async () => {
    world.seedPasskey(world.seed("a.user"));

    const options = await world.useCases.beginPasskeyLogIn.execute();

    expect(world.passkeyChallenges.live.get("log-in")).toEqual({ challenge: options.challenge, userId: null });
    // Discoverable: the device offers the passkeys it holds; no username is asked or revealed.
    expect(options).toEqual({ challenge: expect.any(String), userVerification: "required" });
    expect(world.passkeyChallenges.live.has("registration")).toBe(false);
    expect(world.store.events).toEqual([]);
  });

  it("issues a fresh challenge each time, the last one replacing the one before", async () => {
    const first = await world.useCases.beginPasskeyLogIn.execute();
    const second = await world.useCases.beginPasskeyLogIn.execute();

    expect(second.challenge).not.toBe(first.challenge);
    expect(world.passkeyChallenges.live.get("log-in")!.challenge).toBe(second.challenge);
  });

  it("refuses a caller who is already logged in, issuing nothing", async () => {
    world.actAs(world.seed("a.user"));

    await expect(world.useCases.beginPasskeyLogIn.execute()).rejects.toMatchObject({ code: "ALREADY_AUTHENTICATED" });
    expect(world.passkeyChallenges.live.size).toBe(0);
  });
});
