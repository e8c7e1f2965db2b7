import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { SecretCipher } from "@gatehouse/core";

const VERSION = "v1";
/** Domain separation: this key is for TOTP secrets only, whatever else the pepper keys. */
const HKDF_INFO = "gatehouse/totp-secret/v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * AES-256-GCM under a key derived from the pepper (HKDF-SHA-256). `context` is the
 * additional authenticated data, so a ciphertext only decrypts for the owner it was made for.
 * Format: `v1.<base64url iv>.<base64url ciphertext‖tag>`.
 */
export class AesGcmSecretCipher implements SecretCipher {
  private readonly key: Buffer;

  constructor(pepper: Uint8Array) {
    if (pepper.length === 0) throw new Error("AesGcmSecretCipher needs a non-empty pepper.");
    this.key = Buffer.from(hkdfSync("sha256", pepper, new Uint8Array(0), HKDF_INFO, KEY_BYTES));
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
  }

  decrypt(ciphertext: string, context: string): string {
    const [version, ivText, bodyText, ...rest] = ciphertext.split(".");
    // Node's base64 decoder skips characters it does not know: check the text first.
    if (version !== VERSION || rest.length > 0 || !BASE64URL.test(ivText ?? "") || !BASE64URL.test(bodyText ?? "")) {
      throw new Error("Not an encrypted secret (expected v1.<iv>.<ciphertext>).");
    }
    const iv = Buffer.from(ivText!, "base64url");
    const body = Buffer.from(bodyText!, "base64url");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error("Not an encrypted secret: bad lengths.");
    const decipher = createDecipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      // final() refuses a wrong tag: tampered, another context, or another pepper.
      throw new Error("The encrypted secret does not verify (tampered, another owner, or another pepper).");
    }
  }
}
