import { randomBytes } from "node:crypto";
import type { IdGenerator } from "@gatehouse/core";

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort by creation
 * time, which keeps B-tree inserts at the right edge of the index.
 */
export class Uuidv7IdGenerator implements IdGenerator {
  next(): string {
    const bytes = randomBytes(16);
    const now = Date.now();
    bytes.writeUIntBE(now, 0, 6);
    bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
    bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
