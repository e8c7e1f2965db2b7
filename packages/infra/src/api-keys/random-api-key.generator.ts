import { hash, randomBytes } from "node:crypto";
import type { ApiKeyGenerator } from "@gatehouse/core";

/** Every key starts so: recognisable in code, logs and secret scanners. */
export const API_KEY_PREFIX = "ghk_";
/** The prefix, then 32 random bytes in base64url (43 characters). */
export const API_KEY_PATTERN = /^ghk_[A-Za-z0-9_-]{43}$/;
/** How much of a key its owner is shown later, to recognise it by. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;

/** What is stored of a key: SHA-256 (hex). 256 random bits need no slow hash. */
export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

/** Keys of 256 random bits from the CSPRNG, after a recognisable prefix. */
export class RandomApiKeyGenerator implements ApiKeyGenerator {
  generate(): { key: string; prefix: string; hash: string } {
    const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
    return { key, prefix: key.slice(0, SHOWN_LENGTH), hash: hashApiKey(key) };
  }
}
