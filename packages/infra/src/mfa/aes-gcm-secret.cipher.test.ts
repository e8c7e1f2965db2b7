import { describe, expect, it } from "vitest";
import { AesGcmSecretCipher } from "./aes-gcm-secret.cipher";

const pepper = new TextEncoder().encode("pepper one");
const cipher = new AesGcmSecretCipher(pepper);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const owner = "0190f0e0-0000-7000-8000-000000000001";

/** The same text with one byte of its base64url part `index` (1 = iv, 2 = ciphertext‖tag) flipped. */
function flipByte(ciphertext: string, index: 1 | 2, at: number): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[at] = bytes[at]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("AesGcmSecretCipher", () => {
  it("round-trips: decrypt(encrypt(x)) is x, for the same context", () => {
    for (const plaintext of [secret, "", "ünïcødé ✓"]) {
      expect(cipher.decrypt(cipher.encrypt(plaintext, owner), owner)).toBe(plaintext);
    }
  });

  it("writes v1.<12-byte iv>.<ciphertext‖16-byte tag> in base64url", () => {
    const [version, iv, body, ...rest] = cipher.encrypt(secret, owner).split(".");

    expect(version).toBe("v1");
    expect(rest).toEqual([]);
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(body!, "base64url")).toHaveLength(secret.length + 16);
  });

  it("uses a fresh IV for every encryption, so equal secrets do not look equal", () => {
    const outputs = Array.from({ length: 10 }, () => cipher.encrypt(secret, owner));

    expect(new Set(outputs.map((output) => output.split(".")[1])).size).toBe(outputs.length);
    expect(new Set(outputs).size).toBe(outputs.length);
  });

  it("does not contain the plaintext", () => {
    const ciphertext = cipher.encrypt(secret, owner);

    expect(ciphertext).not.toContain(secret);
    expect(ciphertext).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 16));
    expect(Buffer.from(ciphertext.split(".")[2]!, "base64url").toString("latin1")).not.toContain(secret);
  });

  it("throws on a tampered ciphertext, tag or IV", () => {
    const ciphertext = cipher.encrypt(secret, owner);

    expect(() => cipher.decrypt(flipByte(ciphertext, 2, 0), owner)).toThrow(Error);
    expect(() => cipher.decrypt(flipByte(ciphertext, 2, secret.length + 15), owner)).toThrow(Error);
    expect(() => cipher.decrypt(flipByte(ciphertext, 1, 0), owner)).toThrow(Error);
  });

  it("throws for another context: a ciphertext copied to another owner does not decrypt", () => {
    const ciphertext = cipher.encrypt(secret, owner);

    expect(() => cipher.decrypt(ciphertext, "0190f0e0-0000-7000-8000-000000000002")).toThrow(Error);
    expect(() => cipher.decrypt(ciphertext, "")).toThrow(Error);
  });

  it("throws under another pepper", () => {
    const ciphertext = cipher.encrypt(secret, owner);
    const other = new AesGcmSecretCipher(new TextEncoder().encode("pepper two"));

    expect(() => other.decrypt(ciphertext, owner)).toThrow(Error);
    // The same pepper in a new instance derives the same key.
    expect(new AesGcmSecretCipher(new TextEncoder().encode("pepper one")).decrypt(ciphertext, owner)).toBe(secret);
  });

  it("throws on a malformed ciphertext", () => {
    const ciphertext = cipher.encrypt(secret, owner);
    const [, iv, body] = ciphertext.split(".");

    for (const malformed of [
      "",
      secret,
      `v2.${iv}.${body}`,
      `v1.${iv}`,
      `v1.${iv}.${body}.extra`,
      `v1.${iv}.${body!.slice(0, 20)}`,
      `v1.${iv!.slice(0, 8)}.${body}`,
      `v1.${iv}.${body}!`,
      `v1..${body}`,
    ]) {
      expect(() => cipher.decrypt(malformed, owner), malformed).toThrow(Error);
    }
  });

  it("refuses an empty pepper", () => {
    expect(() => new AesGcmSecretCipher(new Uint8Array(0))).toThrow(Error);
  });
});
