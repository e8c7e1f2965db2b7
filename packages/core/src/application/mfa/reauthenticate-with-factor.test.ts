import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, FakeRateLimitedError, type World } from "../../../test/in-memory-fakes";
import { TotpCode } from "../../domain/mfa/one-time-code.value-object";
import type { User } from "../../domain/user/user.entity";

// Turning two-factor off and renewing recovery codes both ask for the password and a current
// code first (reauthenticateWithFactor): each refusal, for each of them.
const USE_CASES = [
  ["disabling two-factor", (world: World) => world.useCases.disableMfa],
  ["regenerating recovery codes", (world: World) => world.useCases.regenerateRecoveryCodes],
] as const;

describe.each(USE_CASES)("%s asks for the password and a current code", (_name, useCaseOf) => {
  let world: World;
  let user: User;
  let secret: string;
  let recoveryCodes: string[];
  const execute = (password: string, code: string) => useCaseOf(world).execute({ password, code });

  beforeEach(() => {
    world = createWorld();
    user = world.seed("a.user");
    world.actAs(user);
    ({ secret, recoveryCodes } = world.seedTotp(user));
    world.revoker.open(user.id, true);
    world.revoker.open(user.id);
  });

  /** Nothing changed: the factor, its codes, the user and their sessions are as seeded. */
  async function expectNothingChanged() {
    expect(world.mfa.factors.get(user.id)).toMatchObject({ lastAcceptedStep: null });
    expect(world.mfa.factors.get(user.id)!.enabledAt).not.toBeNull();
    expect(await world.mfa.countUnused(user.id)).toBe(10);
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.revoker.sessions).toHaveLength(2);
    expect(world.store.commits).toBe(0);
  }

  it("names a code that is neither kind, before checking the password", async () => {
    await expect(execute("wrong horse", "12345")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { code: ["Enter the 6-digit code from your authenticator app, or one of your recovery codes."] },
    });
    expect(world.attempts.counts.size).toBe(0);
    expect(world.store.events).toEqual([]);
    await expectNothingChanged();
  });

  it.each([
    ["a code from the app", () => world.totpCode(secret)],
    ["a recovery code", () => recoveryCodes[0]!],
  ])("refuses a wrong password before anything changes, leaving %s unspent", async (_kind, code) => {
    await expect(execute("wrong horse", code())).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });

    expect(world.store.events.map((event) => event.type)).toEqual(["user.password_confirmation_failed"]);
    expect(world.attempts.counts.get("a.user")).toBe(1);
    await expectNothingChanged();
  });

  it("refuses a wrong code, audits it, and changes nothing", async () => {
    await expect(execute("correct horse", world.totpCode(secret, 2))).rejects.toMatchObject({
      code: "INVALID_MFA_CODE",
    });
    await expect(execute("correct horse", "zzzzzz-zzzzzz-zzzzzz-zzzzzz")).rejects.toMatchObject({
      code: "INVALID_MFA_CODE",
    });

    expect(world.store.events.map((event) => event.type)).toEqual(["login.mfa_failed", "login.mfa_failed"]);
    await expectNothingChanged();
  });

  it("lets no right password forgive wrong codes: guessing codes runs the account's budget out", async () => {
    const attempt = (code: string) =>
      execute("correct horse", code).then(
        () => "ok",
        (error: { code?: string; constructor: { name: string } }) => error.code ?? error.constructor.name,
      );
    const outcomes: string[] = [];
    // Each try counts twice (the password, then the code) against a budget of 10.
    for (let i = 0; i < 6; i++) outcomes.push(await attempt(world.totpCode(secret, 2)));
    expect(outcomes).toEqual([...Array(5).fill("INVALID_MFA_CODE"), FakeRateLimitedError.name]);
    // The budget is spent: even the right code is refused now, and nothing changed.
    expect(await attempt(world.totpCode(secret))).toBe(FakeRateLimitedError.name);
    await expectNothingChanged();
  });

  it("forgives the account's count once the password and the code both pass", async () => {
    await expect(execute("correct horse", world.totpCode(secret, 2))).rejects.toMatchObject({
      code: "INVALID_MFA_CODE",
    });
    expect(world.attempts.counts.get("a.user")).toBe(2);

    await execute("correct horse", world.totpCode(secret));
    expect(world.attempts.counts.has("a.user")).toBe(false);
  });

  it("refuses a code whose time step was already used (at log-in, say)", async () => {
    const code = world.totpCode(secret);
    await world.secondFactor.verify(user, (await world.mfa.read(user.id))!, {
      kind: "totp",
      code: TotpCode.create(code),
    });

    await expect(execute("correct horse", code)).rejects.toMatchObject({ code: "INVALID_MFA_CODE" });
    expect(world.store.committed.get(user.id)!.version).toBe(0);
  });

  it.each([
    ["off", () => world.mfa.factors.delete(user.id)],
    ["only pending", () => world.seedTotp(user, { pending: true })],
  ])("refuses when two-factor is %s, after checking the password", async (_state, arrange) => {
    arrange();
    await expect(execute("wrong horse", "123456")).rejects.toMatchObject({ code: "CURRENT_PASSWORD_INVALID" });
    await expect(execute("correct horse", "123456")).rejects.toMatchObject({
      code: "MFA_NOT_ENABLED",
      message: "Two-factor authentication is not on.",
    });
    expect(world.store.committed.get(user.id)!.version).toBe(0);
    expect(world.revoker.sessions).toHaveLength(2);
  });

  it("answers a caller REQUIRE_MFA holds back as anyone without two-factor", async () => {
    world = createWorld({ requireMfa: "all" });
    user = world.seed("a.user");
    world.actAs(user);
    await expect(execute("correct horse", "123456")).rejects.toMatchObject({ code: "MFA_NOT_ENABLED" });
  });

  it("needs a caller", async () => {
    world.actAs(null);
    await expect(execute("correct horse", world.totpCode(secret))).rejects.toMatchObject({
      code: "NOT_AUTHENTICATED",
    });
  });
});
