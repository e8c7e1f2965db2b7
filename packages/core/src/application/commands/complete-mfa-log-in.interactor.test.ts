import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, MFA_CHALLENGE_ATTEMPTS, totpStep, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";
import type { CompleteMfaLogInRequest } from "./complete-mfa-log-in.interactor";

let world: World;
let user: User;
let secret: string;
let recoveryCodes: string[];

beforeEach(async () => {
  world = createWorld();
  user = world.seed("a.user");
  ({ secret, recoveryCodes } = world.seedTotp(user));
  // The password was right: the log-in handler gave the caller a challenge, and no session.
  await world.challenges.issue(user);
});

const complete = (request: CompleteMfaLogInRequest) => world.useCases.completeMfaLogIn.execute(request);
/** "logged in" or the refusal's code. */
const outcomeOf = (request: CompleteMfaLogInRequest) =>
  complete(request).then(
    () => "logged in",
    (error: { code?: string }) => error.code,
  );
const wrongCode = () => world.totpCode(secret, 2);

describe("CompleteMfaLogInInteractor", () => {
  it("logs in with the app's code: the challenge ends, the step is spent, the count forgiven", async () => {
    world.attempts.counts.set("a.user", 3);

    const { user: loggedIn, usedRecoveryCode } = await complete({ code: world.totpCode(secret) });

    expect(loggedIn.id).toBe(user.id);
    expect(usedRecoveryCode).toBe(false);
    expect(world.challenges.current).toBeNull();
    expect(world.mfa.factors.get(user.id)!.lastAcceptedStep).toBe(totpStep(world.clock.now()));
    expect(world.attempts.counts.has("a.user")).toBe(false);
    expect(world.store.events).toEqual([]);
  });

  it("logs in with a recovery code, which is then used up", async () => {
    const { usedRecoveryCode } = await complete({ recoveryCode: recoveryCodes[2]! });

    expect(usedRecoveryCode).toBe(true);
    expect(world.challenges.current).toBeNull();
    expect(await world.mfa.countUnused(user.id)).toBe(9);
    expect(world.store.events).toMatchObject([{ type: "mfa.recovery_code_used", actorId: user.id, targetId: user.id }]);

    await world.challenges.issue(user);
    expect(await outcomeOf({ recoveryCode: recoveryCodes[2]! })).toBe("INVALID_MFA_CODE");
  });

  it("refuses a wrong code, audits it, and leaves the challenge for another try", async () => {
    expect(await outcomeOf({ code: wrongCode() })).toBe("INVALID_MFA_CODE");

    expect(world.store.events).toMatchObject([{ type: "login.mfa_failed", actorId: null, targetId: user.id }]);
    expect(world.challenges.current).toMatchObject({ userId: user.id, attemptsUsed: 1 });
    expect(await outcomeOf({ code: world.totpCode(secret) })).toBe("logged in");
  });

  it("refuses a code of a step already used", async () => {
    const code = world.totpCode(secret);
    await complete({ code });
    await world.challenges.issue(user);

    expect(await outcomeOf({ code })).toBe("INVALID_MFA_CODE");
  });

  it(`ends the challenge at the ${MFA_CHALLENGE_ATTEMPTS}th wrong code: then even the right one is too late`, async () => {
    for (let i = 1; i < MFA_CHALLENGE_ATTEMPTS; i++) {
      expect(await outcomeOf({ code: wrongCode() })).toBe("INVALID_MFA_CODE");
      expect(world.challenges.current).not.toBeNull();
    }
    expect(await outcomeOf({ code: wrongCode() })).toBe("INVALID_MFA_CODE");
    expect(world.challenges.current).toBeNull();

    expect(await outcomeOf({ code: world.totpCode(secret) })).toBe("MFA_CHALLENGE_EXPIRED");
    expect(world.mfa.factors.get(user.id)!.lastAcceptedStep).toBeNull();
  });

  it("leaves the challenge to run out by itself when the last try is refused for another reason", async () => {
    for (let i = 1; i < MFA_CHALLENGE_ATTEMPTS; i++) await outcomeOf({ code: wrongCode() });
    world.attempts.counts.set("a.user", 10); // the account's budget is spent

    await expect(complete({ code: world.totpCode(secret) })).rejects.toThrow();
    expect(world.challenges.current).toMatchObject({ attemptsUsed: MFA_CHALLENGE_ATTEMPTS });
  });

  it("refuses when there is no challenge", async () => {
    world.challenges.current = null;
    expect(await outcomeOf({ code: world.totpCode(secret) })).toBe("MFA_CHALLENGE_EXPIRED");
    expect(world.mfa.factors.get(user.id)!.lastAcceptedStep).toBeNull();
    expect(world.attempts.counts.size).toBe(0);
  });

  // Each change on its own: a real deactivation or factor removal also moves the user's version.
  it.each([
    [
      "an admin set a new password (the user's version moved)",
      async () => {
        world.actAs(world.seed("an.admin", "admin"));
        await world.useCases.setUserPassword.execute({ userId: user.id, password: "another password" });
        world.actAs(null);
      },
    ],
    ["the user was deactivated", () => world.store.committed.get(user.id)!.changeActivation(false, world.clock.now())],
    ["the user is gone", () => world.store.committed.delete(user.id)],
    ["the factor is gone", () => world.mfa.factors.delete(user.id)],
    ["the factor was replaced by a new enrolment", () => world.seedTotp(user, { pending: true })],
  ])("ends the challenge when, since the password was checked, %s", async (_change, change) => {
    await change();
    world.store.events.splice(0);

    expect(await outcomeOf({ code: world.totpCode(secret) })).toBe("MFA_CHALLENGE_EXPIRED");
    expect(world.challenges.current).toBeNull();
    expect(world.store.events).toEqual([]);
    expect(world.attempts.counts.size).toBe(0);
  });

  it("lets only one of two right answers sent at once log in", async () => {
    const outcomes = await Promise.all([
      outcomeOf({ recoveryCode: recoveryCodes[0]! }),
      outcomeOf({ recoveryCode: recoveryCodes[1]! }),
    ]);

    expect(outcomes.sort()).toEqual(["MFA_CHALLENGE_EXPIRED", "logged in"]);
    expect(world.challenges.current).toBeNull();
  });

  it("refuses a second answer after a log-in completed", async () => {
    await complete({ code: world.totpCode(secret) });
    expect(await outcomeOf({ recoveryCode: recoveryCodes[0]! })).toBe("MFA_CHALLENGE_EXPIRED");
    expect(await world.mfa.countUnused(user.id)).toBe(10);
  });

  it.each<[string, CompleteMfaLogInRequest, Record<string, string[]>]>([
    [
      "neither kind of code",
      {},
      {
        code: ["Enter either the code from your authenticator app or a recovery code."],
        recoveryCode: ["Enter either the code from your authenticator app or a recovery code."],
      },
    ],
    [
      "both kinds of code",
      { code: "123456", recoveryCode: "abcdef-ghijkl-mnopqr-stuvwx" },
      {
        code: ["Enter either the code from your authenticator app or a recovery code."],
        recoveryCode: ["Enter either the code from your authenticator app or a recovery code."],
      },
    ],
    [
      "a code that is not six digits",
      { code: "12345" },
      { code: ["Enter the 6-digit code from your authenticator app."] },
    ],
    [
      "a recovery code that is not one",
      { recoveryCode: "123456" },
      { recoveryCode: ["Enter one of your recovery codes (24 letters and digits, dashes optional)."] },
    ],
    ["an empty code", { code: "" }, { code: ["Enter the 6-digit code from your authenticator app."] }],
  ])("names %s, without spending a try", async (_label, request, fieldErrors) => {
    await expect(complete(request)).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors });
    expect(world.challenges.current).toMatchObject({ attemptsUsed: 0 });
  });

  it("refuses a caller who is already logged in, without spending a try", async () => {
    world.actAs(user);
    expect(await outcomeOf({ code: world.totpCode(secret) })).toBe("ALREADY_AUTHENTICATED");
    expect(world.challenges.current).toMatchObject({ attemptsUsed: 0 });
  });
});
