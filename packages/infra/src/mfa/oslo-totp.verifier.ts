import type { TotpVerifier } from "@gatehouse/core";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** 160 bits: the HMAC-SHA-1 block size RFC 4226 recommends; 32 base32 characters. */
const SECRET_BYTES = 20;
/** RFC 4226 R6: a shared secret shorter than 128 bits is not one. */
const MIN_SECRET_BYTES = 16;
/** One step either way: a phone clock a little off, or a code typed as it rolled over. */
const DRIFT_STEPS = 1;

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) with oslo's HOTP. */
export class OsloTotpVerifier implements TotpVerifier {
  constructor(private readonly options: { issuer?: string } = {}) {}

  newSecret(): string {
    const key = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
    return encodeBase32UpperCaseNoPadding(key);
  }

  matchingStep(secret: string, code: string, at: Date): number | null {
    const key = decodeSecret(secret);
    if (!key || !/^\d{6}$/.test(code) || Number.isNaN(at.getTime())) return null;
    const given = new TextEncoder().encode(code);
    const current = Math.floor(at.getTime() / (PERIOD_SECONDS * 1000));
    for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS));
      if (constantTimeEqual(given, expected)) return step;
    }
    return null;
  }

  keyUri(secret: string, accountName: string): string {
    const key = decodeSecret(secret);
    if (!key) throw new Error("Not a TOTP secret: expected base32 of at least 128 bits.");
    return createTOTPKeyURI(this.options.issuer ?? "Gatehouse", accountName, key, PERIOD_SECONDS, DIGITS);
  }
}

/** The key bytes, or null when `secret` is not base32 or too short to be a secret. */
function decodeSecret(secret: string): Uint8Array | null {
  try {
    const key = decodeBase32IgnorePadding(secret);
    return key.length >= MIN_SECRET_BYTES ? key : null;
  } catch {
    return null;
  }
}
