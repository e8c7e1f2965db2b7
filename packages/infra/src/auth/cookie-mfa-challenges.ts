import { randomBytes } from "node:crypto";
import type { Clock, MfaChallenge, MfaChallenges, User, UserId } from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import { ChallengeCookie } from "./challenge-cookie";
import type { CookieJar } from "./cookie-jar";
import { hashSessionToken as hashChallengeToken } from "./prisma-lucia.adapter";

/** How long the second step of a log-in may take. */
export const MFA_CHALLENGE_TTL_SECONDS = 300;
/** Codes one challenge may be answered with; then the password is needed again. */
export const MFA_CHALLENGE_ATTEMPTS = 5;

export interface MfaChallengeCookieOptions {
  /** HTTPS origin: `Secure` cookie with the `__Host-` prefix, like the session cookie. */
  secureCookies: boolean;
}

/**
 * Log-in challenges held by the caller as a cookie (HttpOnly, SameSite=Lax, five minutes) and
 * kept in `mfa_challenges` under SHA-256 of its token, as sessions are: a leaked table opens
 * nothing. Counting an attempt is one conditional UPDATE, so parallel guesses cannot exceed
 * the allowance; ending one is a DELETE, so of two right answers only one logs in.
 */
export class CookieMfaChallenges implements MfaChallenges {
  private readonly cookie: ChallengeCookie;

  constructor(
    private readonly prisma: PrismaClient,
    cookies: CookieJar,
    private readonly clock: Clock,
    options: MfaChallengeCookieOptions,
  ) {
    this.cookie = new ChallengeCookie(cookies, mfaChallengeCookieName(options), options.secureCookies);
  }

  async issue(user: User): Promise<void> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(this.clock.now().getTime() + MFA_CHALLENGE_TTL_SECONDS * 1000);
    await withDatabaseErrors(() =>
      this.prisma.mfaChallenge.create({
        data: { id: hashChallengeToken(token), userId: user.id, userVersion: user.version, expiresAt, attempts: 0 },
      }),
    );
    this.cookie.give(token, MFA_CHALLENGE_TTL_SECONDS);
  }

  async attempt(): Promise<MfaChallenge | null> {
    const id = this.cookie.storedId();
    if (!id) return null;
    const [row] = await withDatabaseErrors(
      () => this.prisma.$queryRaw<{ userId: string; userVersion: number | bigint; attempts: number | bigint }[]>`
        UPDATE mfa_challenges SET attempts = attempts + 1
        WHERE id = ${id} AND expires_at > ${this.clock.now()} AND attempts < ${MFA_CHALLENGE_ATTEMPTS}
        RETURNING user_id AS "userId", user_version AS "userVersion", attempts`,
    );
    if (!row) return null;
    return {
      userId: row.userId as UserId,
      userVersion: Number(row.userVersion),
      attemptsLeft: MFA_CHALLENGE_ATTEMPTS - Number(row.attempts),
    };
  }

  async end(): Promise<boolean> {
    const id = this.cookie.storedId();
    this.cookie.clear();
    if (!id) return false;
    const { count } = await withDatabaseErrors(() => this.prisma.mfaChallenge.deleteMany({ where: { id } }));
    return count === 1;
  }
}

export function mfaChallengeCookieName(options: MfaChallengeCookieOptions): string {
  return ChallengeCookie.nameFor("mfa", options);
}

/** Deletes challenges past their five minutes (never honoured, but they would pile up). */
export async function purgeExpiredMfaChallenges(prisma: PrismaClient, now: Date): Promise<void> {
  await withDatabaseErrors(() => prisma.mfaChallenge.deleteMany({ where: { expiresAt: { lte: now } } }));
}
