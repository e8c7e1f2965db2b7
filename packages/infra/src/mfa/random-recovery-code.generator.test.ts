import { RECOVERY_CODE_ALPHABET, RecoveryCode } from "@gatehouse/core";
import { describe, expect, it } from "vitest";
import { RandomRecoveryCodeGenerator } from "./random-recovery-code.generator";

const generator = new RandomRecoveryCodeGenerator();

describe("RandomRecoveryCodeGenerator", () => {
  it("generates 24 characters of the recovery-code alphabet, in a form RecoveryCode.create accepts", () => {
    for (let i = 0; i < 50; i++) {
      const code = generator.generate();

      expect(code.value).toHaveLength(24);
      expect([...code.value].every((char) => RECOVERY_CODE_ALPHABET.includes(char))).toBe(true);
      expect(code.display).toMatch(/^[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}$/);
      expect(RecoveryCode.create(code.display).value).toBe(code.value);
    }
  });

  it("generates distinct codes", () => {
    const values = Array.from({ length: 100 }, () => generator.generate().value);

    expect(new Set(values).size).toBe(values.length);
  });

  it("hashes to 64 hex characters (SHA-256), the same each time, and not the code itself", () => {
    const code = generator.generate();
    const hash = generator.hash(code);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generator.hash(code)).toBe(hash);
    expect(hash).not.toContain(code.value);
    // SHA-256 of the canonical value (known answer from `printf abcdefghijklmnopqrstuvwx | sha256sum`).
    expect(generator.hash(RecoveryCode.create("abcdefghijklmnopqrstuvwx"))).toBe(
      "93b0cabf8668e0c534c52a568957499e12a284f59d97dc9b2725ef836804875b",
    );
  });

  it("hashes different codes differently", () => {
    const hashes = Array.from({ length: 50 }, () => generator.hash(generator.generate()));

    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("hashes a code the same however it was typed (case, dashes, spaces)", () => {
    const code = generator.generate();
    const typed = ` ${code.display.toUpperCase().replace(/-/g, " - ")} `;

    expect(generator.hash(RecoveryCode.create(typed))).toBe(generator.hash(code));
    expect(generator.hash(RecoveryCode.create(code.value))).toBe(generator.hash(code));
  });
});
