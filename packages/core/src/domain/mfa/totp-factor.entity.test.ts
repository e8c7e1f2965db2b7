import { describe, expect, it } from "vitest";
import type { UserId } from "../user/user-id.value-object";
import { TotpFactor } from "./totp-factor.entity";

const userId = "00000000-0000-7000-8000-000000000001" as UserId;
const created = new Date("2026-01-01T00:00:00.000Z");
const later = new Date("2026-01-02T00:00:00.000Z");

describe("TotpFactor", () => {
  it("begins pending: not enabled, no step used yet", () => {
    const factor = TotpFactor.pending(userId, "sealed secret", created);

    expect(factor).toMatchObject({ userId, encryptedSecret: "sealed secret", createdAt: created });
    expect(factor.isEnabled).toBe(false);
    expect(factor.enabledAt).toBeNull();
    expect(factor.lastAcceptedStep).toBeNull();
  });

  it("accepts any step before the first is used", () => {
    const factor = TotpFactor.pending(userId, "sealed secret", created);
    expect(factor.accepts(0)).toBe(true);
    expect(factor.accepts(1)).toBe(true);
    expect(factor.accepts(59_000_000)).toBe(true);
  });

  it("is confirmed by the step of the code that proved the app, which is then used", () => {
    const factor = TotpFactor.pending(userId, "sealed secret", created);
    factor.confirm(59_000_000, later);

    expect(factor.isEnabled).toBe(true);
    expect(factor.enabledAt).toEqual(later);
    expect(factor.lastAcceptedStep).toBe(59_000_000);
    expect(factor.createdAt).toEqual(created);
  });

  it("accepts only steps later than the last one used", () => {
    const factor = new TotpFactor({
      userId,
      encryptedSecret: "sealed secret",
      enabledAt: created,
      lastAcceptedStep: 100,
      createdAt: created,
    });

    expect(factor.accepts(99)).toBe(false);
    expect(factor.accepts(100)).toBe(false);
    expect(factor.accepts(101)).toBe(true);
    expect(factor).toMatchObject({ isEnabled: true, enabledAt: created, lastAcceptedStep: 100 });
  });
});
