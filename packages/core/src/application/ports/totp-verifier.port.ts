/** RFC 6238 TOTP: SHA-1, 6 digits, 30-second steps, one step of clock drift either way. */
export interface TotpVerifier {
  /** A new random shared secret, base32 (what people type into an app by hand). */
  newSecret(): string;
  /** The time step whose code `code` is, looking one step either side of `at`; null when none. */
  matchingStep(secret: string, code: string, at: Date): number | null;
  /** The `otpauth://totp/…` URI an authenticator app reads from a QR code. */
  keyUri(secret: string, accountName: string): string;
}
