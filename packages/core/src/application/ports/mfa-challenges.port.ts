import type { User, UserId } from "../../domain/user/user.entity";

/** The log-in waiting for its second step, as the caller's challenge says. */
export interface MfaChallenge {
  userId: UserId;
  /** The user's version when the password was checked: any change to their credentials since ends it. */
  userVersion: number;
  /** Codes the caller may still try after this one. */
  attemptsLeft: number;
}

/**
 * The second step of a log-in: after the right password, a user with two-factor gets a
 * challenge (random, stored hashed, short-lived, a few attempts), never a session.
 */
export interface MfaChallenges {
  /** Starts a challenge for the user as the log-in read them, and hands it to the caller. */
  issue(user: User): Promise<void>;
  /**
   * The caller's live challenge, with one attempt at it counted atomically (parallel guesses
   * cannot exceed the allowance); null when there is none, or it expired or is used up.
   */
  attempt(): Promise<MfaChallenge | null>;
  /** Ends the caller's challenge: true when this call ended it (so only one completion wins). */
  end(): Promise<boolean>;
}
