import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { OsloTotpVerifier } from "./oslo-totp.verifier";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const rfcSecret = encodeBase32UpperCaseNoPadding(new TextEncoder().encode("12345678901234567890"));
const verifier = new OsloTotpVerifier();
const at = (seconds: number) => new Date(seconds * 1000);
const codeOf = (secret: string, step: number) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);

describe("OsloTotpVerifier.matchingStep", () => {
  // The 8-digit vectors of Appendix B, truncated to their last 6 digits.
  it.each([
    [59, "287082", 1],
    [1111111109, "081804", 37037036],
    [1111111111, "050471", 37037037],
    [1234567890, "005924", 41152263],
    [2000000000, "279037", 66666666],
    [20000000000, "353130", 666666666],
  ])("matches the RFC 6238 SHA-1 vector at T=%i (%s, step %i)", (seconds, code, step) => {
    expect(verifier.matchingStep(rfcSecret, code, at(seconds))).toBe(step);
  });

  it("accepts the code of one step before or after, returning that code's step", () => {
    const step = 41152263;
    const code = codeOf(rfcSecret, step);

    expect(verifier.matchingStep(rfcSecret, code, at((step - 1) * 30))).toBe(step);
    expect(verifier.matchingStep(rfcSecret, code, at((step + 1) * 30 + 29))).toBe(step);
  });

  it("refuses the code of two steps before or after", () => {
    const step = 41152263;
    const code = codeOf(rfcSecret, step);

    expect(verifier.matchingStep(rfcSecret, code, at((step - 2) * 30 + 29))).toBeNull();
    expect(verifier.matchingStep(rfcSecret, code, at((step + 2) * 30))).toBeNull();
  });

  it("refuses a wrong code", () => {
    const seconds = 1234567890;
    const steps = [41152262, 41152263, 41152264].map((step) => codeOf(rfcSecret, step));
    const wrong = ["000000", "123456", "999999", "005925"].find((code) => !steps.includes(code))!;

    expect(verifier.matchingStep(rfcSecret, wrong, at(seconds))).toBeNull();
    // The right code under another secret is wrong too.
    expect(verifier.matchingStep(verifier.newSecret(), "005924", at(seconds))).toBe(null);
  });

  it.each([
    ["not base32", "not base32!"],
    ["empty", ""],
    ["too short (40 bits)", "GEZDGNBV"],
    ["bad padding", `${rfcSecret}A`],
  ])("returns null for a malformed secret (%s)", (_, secret) => {
    expect(verifier.matchingStep(secret, "287082", at(59))).toBeNull();
  });

  it.each(["", "28708", "2870820", "28708a", " 287082", "287 082", "２８７０８２"])(
    "returns null for a malformed code %j",
    (code) => {
      expect(verifier.matchingStep(rfcSecret, code, at(59))).toBeNull();
    },
  );

  it("returns null for an invalid date", () => {
    expect(verifier.matchingStep(rfcSecret, "287082", new Date(Number.NaN))).toBeNull();
  });
});

describe("OsloTotpVerifier.newSecret", () => {
  it("is 32 base32 characters (160 bits) and differs each call", () => {
    const secrets = Array.from({ length: 20 }, () => verifier.newSecret());

    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(decodeBase32IgnorePadding(secret)).toHaveLength(20);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it("is a secret an authenticator app's current code matches", () => {
    const secret = verifier.newSecret();
    const code = generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

    // generateTOTP reads the clock itself; a step boundary between the two reads is within ±1.
    expect(verifier.matchingStep(secret, code, new Date())).not.toBeNull();
  });
});

describe("OsloTotpVerifier.keyUri", () => {
  it("is an otpauth://totp URI with the secret, issuer, period 30, digits 6 and SHA1", () => {
    const secret = verifier.newSecret();
    const uri = new URL(verifier.keyUri(secret, "alice@example"));

    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Gatehouse:alice@example");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Gatehouse");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
  });

  it("uses the issuer it was given, encoded", () => {
    const uri = new URL(new OsloTotpVerifier({ issuer: "Acme & Co" }).keyUri(rfcSecret, "bob"));

    expect(uri.searchParams.get("issuer")).toBe("Acme & Co");
    expect(decodeURIComponent(uri.pathname)).toBe("/Acme & Co:bob");
  });

  it("refuses a malformed secret", () => {
    expect(() => verifier.keyUri("not base32!", "alice")).toThrow(Error);
  });
});
