import { createHash } from "node:crypto";
import { RecoveryCode, type RecoveryCodeGenerator } from "@gatehouse/core";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** 15 bytes = 120 bits = exactly 24 base32 characters, each uniformly random. */
const CODE_BYTES = 15;

/** Recovery codes from the system CSPRNG, stored as SHA-256. */
export class RandomRecoveryCodeGenerator implements RecoveryCodeGenerator {
  generate(): RecoveryCode {
    // RFC 4648 lower case is RECOVERY_CODE_ALPHABET.
    return RecoveryCode.create(encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(CODE_BYTES))));
  }

  /** A fast hash is enough: 120 random bits cannot be guessed offline (ASVS 6.5.2). */
  hash(code: RecoveryCode): string {
    return createHash("sha256").update(code.value, "utf8").digest("hex");
  }
}
