import type { UserId } from "../../domain/user/user-id.value-object";

/** The two WebAuthn ceremonies: a challenge made for one is never accepted by the other. */
export type PasskeyCeremony = "registration" | "log-in";

/** A challenge as the server kept it: never the challenge itself, only what can check one. */
export interface PasskeyChallenge {
  /** The user a registration challenge was made for; null for a log-in. */
  userId: UserId | null;
  /** Whether `challenge` (as the authenticator signed it, base64url) is this one. */
  matches(challenge: string): boolean;
}

/**
 * WebAuthn challenges: random, short-lived, single use, bound to the caller and the ceremony,
 * and stored hashed.
 */
export interface PasskeyChallenges {
  /** A fresh challenge (base64url) for the caller, to be put in the ceremony's options. */
  issue(ceremony: PasskeyCeremony, userId: UserId | null): Promise<string>;
  /** The caller's live challenge for this ceremony, ended as it is taken; null when there is none. */
  take(ceremony: PasskeyCeremony): Promise<PasskeyChallenge | null>;
}
