import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, FakeRateLimitedError, totpStep, type World } from "../../../test/in-memory-fakes";
import { RecoveryCode, TotpCode, type SecondFactorProof } from "../../domain/mfa/one-time-code.value-object";
import { TotpFactor } from "../../domain/mfa/totp-factor.entity";
import type { User } from "../../domain/user/user.entity";
import { newRecoveryCodes, RECOVERY_CODE_COUNT, totpSecretOf } from "./second-factor-check";

let world: World;
let user: User;
let secret: string;
let recoveryCodes: string[];

beforeEach(() => {
  world = createWorld();
  user = world.seed("a.user");
  ({ secret, recoveryCodes } = world.seedTotp(user));
});

const appCode = (code: string): SecondFactorProof => ({ kind: "totp", code: TotpCode.create(code) });
const recoveryCode = (code: string): SecondFactorProof => ({ kind: "recovery", code: RecoveryCode.create(code) });
const stored = () => world.mfa.factors.get(user.id)!;
const nowStep = () => totpStep(world.clock.now());

/** Verifies `proof` against the factor as read now (or as given); "passed: <kind>" or the refusal's code. */
async function verify(proof: SecondFactorProof, factor?: TotpFactor): Promise<string> {
  const inHand = factor ?? (await world.mfa.read(user.id))!;
  return world.secondFactor.verify(user, inHand, proof).then(
    (kind) => `passed: ${kind}`,
    (error: { code?: string; constructor: { name: string } }) => error.code ?? error.constructor.name,
  );
}

const eventsOf = (type: string) => world.store.events.filter((event) => event.type === type);

describe("SecondFactorCheck with a code from the app", () => {
  it("passes the current code, spends its time step and forgives the account's count", async () => {
    world.attempts.counts.set("a.user", 3);

    expect(await verify(appCode(world.totpCode(secret)))).toBe("passed: totp");
    expect(stored().lastAcceptedStep).toBe(nowStep());
    expect(world.attempts.counts.has("a.user")).toBe(false);
    expect(world.store.events).toEqual([]);
  });

  it("passes a code one step either side of now, and spends that step", async () => {
    expect(await verify(appCode(world.totpCode(secret, -1)))).toBe("passed: totp");
    expect(stored().lastAcceptedStep).toBe(nowStep() - 1);
    expect(await verify(appCode(world.totpCode(secret, 1)))).toBe("passed: totp");
    expect(stored().lastAcceptedStep).toBe(nowStep() + 1);
  });

  it("refuses a wrong code: counts the attempt, audits it on its own, spends nothing", async () => {
    expect(await verify(appCode(world.totpCode(secret, 2)))).toBe("INVALID_MFA_CODE");

    expect(world.attempts.counts.get("a.user")).toBe(1);
    expect(stored().lastAcceptedStep).toBeNull();
    // Written at once, outside any transaction: it survives the request's rollback.
    expect(world.store.commits).toBe(0);
    expect(world.store.events).toMatchObject([{ type: "login.mfa_failed", actorId: null, targetId: user.id }]);
  });

  it("counts the attempt before checking: over budget, even the right code is refused, and not spent", async () => {
    world.attempts.counts.set("a.user", 10);
    const code = world.totpCode(secret);

    expect(await verify(appCode(code))).toBe(FakeRateLimitedError.name);
    expect(stored().lastAcceptedStep).toBeNull();
    world.attempts.counts.clear();
    expect(await verify(appCode(code))).toBe("passed: totp");
  });

  it("refuses a code whose time step was already accepted (replay)", async () => {
    const code = world.totpCode(secret);
    expect(await verify(appCode(code))).toBe("passed: totp");

    expect(await verify(appCode(code))).toBe("INVALID_MFA_CODE");
    expect(eventsOf("login.mfa_failed")).toHaveLength(1);
    expect(world.attempts.counts.get("a.user")).toBe(1);
  });

  it("refuses the code of an earlier step once a later one was accepted", async () => {
    expect(await verify(appCode(world.totpCode(secret)))).toBe("passed: totp");
    expect(await verify(appCode(world.totpCode(secret, -1)))).toBe("INVALID_MFA_CODE");
    expect(stored().lastAcceptedStep).toBe(nowStep());
  });

  it("refuses a step the factor as read already used, without spending it in the store", async () => {
    const inHand = new TotpFactor({ ...stored(), lastAcceptedStep: nowStep() });

    expect(await verify(appCode(world.totpCode(secret)), inHand)).toBe("INVALID_MFA_CODE");
    expect(stored().lastAcceptedStep).toBeNull();
  });

  it("lets only one of two parallel checks of one code pass, though both read the factor before either spent it", async () => {
    const asRead = (await world.mfa.read(user.id))!;
    const proof = appCode(world.totpCode(secret));

    const outcomes = await Promise.all([verify(proof, asRead), verify(proof, asRead)]);
    expect(outcomes.sort()).toEqual(["INVALID_MFA_CODE", "passed: totp"]);
    expect(eventsOf("login.mfa_failed")).toHaveLength(1);
  });

  it("decrypts the secret with its owner's id, and only for the check", async () => {
    const factor = (await world.mfa.read(user.id))!;
    expect(factor.encryptedSecret).not.toContain(secret);
    expect(totpSecretOf(world, factor)).toBe(secret);
  });
});

describe("SecondFactorCheck with a recovery code", () => {
  it("passes an unused code, spends it, forgives the count and audits its use", async () => {
    world.attempts.counts.set("a.user", 3);

    expect(await verify(recoveryCode(recoveryCodes[3]!.toUpperCase()))).toBe("passed: recovery");
    expect(await world.mfa.countUnused(user.id)).toBe(RECOVERY_CODE_COUNT - 1);
    expect(world.mfa.codes.get(user.id)![3]!.used).toBe(true);
    expect(world.attempts.counts.has("a.user")).toBe(false);
    expect(world.store.events).toMatchObject([{ type: "mfa.recovery_code_used", actorId: user.id, targetId: user.id }]);
    expect(stored().lastAcceptedStep).toBeNull();
  });

  it("refuses a code already used, and audits the failure", async () => {
    expect(await verify(recoveryCode(recoveryCodes[0]!))).toBe("passed: recovery");

    expect(await verify(recoveryCode(recoveryCodes[0]!))).toBe("INVALID_MFA_CODE");
    expect(world.store.events.map((event) => event.type)).toEqual(["mfa.recovery_code_used", "login.mfa_failed"]);
    expect(world.attempts.counts.get("a.user")).toBe(1);
  });

  it("refuses a code that is not one of the user's", async () => {
    const other = world.seed("other.user");
    const { recoveryCodes: othersCodes } = world.seedTotp(other);

    expect(await verify(recoveryCode(othersCodes[0]!))).toBe("INVALID_MFA_CODE");
    expect(await verify(recoveryCode("zzzzzz-zzzzzz-zzzzzz-zzzzzz"))).toBe("INVALID_MFA_CODE");
    expect(await world.mfa.countUnused(other.id)).toBe(RECOVERY_CODE_COUNT);
    expect(await world.mfa.countUnused(user.id)).toBe(RECOVERY_CODE_COUNT);
    expect(eventsOf("login.mfa_failed")).toHaveLength(2);
  });

  it("counts the attempt before checking: over budget, even an unused code is refused, and not spent", async () => {
    world.attempts.counts.set("a.user", 10);

    expect(await verify(recoveryCode(recoveryCodes[0]!))).toBe(FakeRateLimitedError.name);
    expect(await world.mfa.countUnused(user.id)).toBe(RECOVERY_CODE_COUNT);
  });
});

describe("newRecoveryCodes", () => {
  it("makes ten distinct codes to show, and the hashes to keep", () => {
    const { shown, hashes } = newRecoveryCodes(world);

    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(shown).toHaveLength(10);
    expect(new Set(shown).size).toBe(10);
    for (const code of shown) expect(code).toMatch(/^[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}$/);
    expect(hashes).toEqual(shown.map((code) => world.codeGenerator.hash(RecoveryCode.create(code))));
  });
});
