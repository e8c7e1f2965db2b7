import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../errors/domain-error";
import { RawPassword } from "./raw-password.value-object";

describe("RawPassword", () => {
  it("accepts 8 and 128 characters", () => {
    expect(RawPassword.create("a".repeat(8)).value).toHaveLength(8);
    expect(RawPassword.create("a".repeat(128)).value).toHaveLength(128);
  });

  it.each([
    ["seven characters", "a".repeat(7)],
    ["129 characters", "a".repeat(129)],
    ["empty", ""],
  ])("rejects %s", (_label, value) => {
    expect(() => RawPassword.create(value)).toThrow(DomainValidationError);
    expect(() => RawPassword.create(value)).toThrow("Password must be 8–128 characters long.");
  });

  it("counts characters, not UTF-16 units or bytes", () => {
    // Eight emoji are 16 UTF-16 units and 32 bytes, but eight characters.
    expect(RawPassword.create("😀".repeat(8)).value).toBe("😀".repeat(8));
    expect(() => RawPassword.create("😀".repeat(129))).toThrow(DomainValidationError);
  });

  it("normalises to NFKC so equivalent spellings are the same password", () => {
    const composed = RawPassword.create("caf\u00e9-p\u00e4ss");
    const decomposed = RawPassword.create("cafe\u0301-pa\u0308ss");
    expect(composed.equals(decomposed)).toBe(true);
    expect(RawPassword.create("ｐａｓｓｗｏｒｄ１").value).toBe("password1");
  });

  it("never truncates a long password", () => {
    const long = `${"x".repeat(127)}y`;
    expect(RawPassword.create(long).equals(RawPassword.create(`${"x".repeat(127)}z`))).toBe(false);
  });

  it("does not reveal itself when printed", () => {
    const password = RawPassword.create("correct horse");
    expect(String(password)).toBe("[password]");
    expect(JSON.stringify({ password })).toBe('{"password":"[password]"}');
  });
});
