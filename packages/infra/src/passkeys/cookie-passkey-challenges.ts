import { randomBytes } from "node:crypto";
import type { Clock, PasskeyCeremony, PasskeyChallenge, PasskeyChallenges, UserId } from "@gatehouse/core";
import type { PrismaClient } from "../generated/sqlite/client";
import { ChallengeCookie } from "../auth/challenge-cookie";
import type { CookieJar } from "../auth/cookie-jar";
// SHA-256, as session tokens are kept.
import { hashSessionToken as hashSecret } from "../auth/prisma-lucia.adapter";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** How long a ceremony may take: the browser's own timeout (see the verifier) plus a margin. */
export const PASSKEY_CHALLENGE_TTL_SECONDS = 300;

export interface PasskeyChallengeCookieOptions {
  /** HTTPS origin: `Secure` cookie with the `__Host-` prefix, like the session cookie. */
  secureCookies: boolean;
}

/**
 * WebAuthn challenges bound to the caller's browser by a cookie (HttpOnly, SameSite=Lax, five
 * minutes), kept in `passkey_challenges` under SHA-256 of the cookie's token with SHA-256 of
 * the challenge: a leaked table answers no ceremony. Taking one is a single DELETE … RETURNING,
 * so of two answers to one challenge only one gets it, whichever ceremony it was asked for.
 */
export class CookiePasskeyChallenges implements PasskeyChallenges {
  private readonly cookie: ChallengeCookie;

  constructor(
    private readonly prisma: PrismaClient,
    cookies: CookieJar,
    private readonly clock: Clock,
    options: PasskeyChallengeCookieOptions,
  ) {
    this.cookie = new ChallengeCookie(cookies, passkeyChallengeCookieName(options), options.secureCookies);
  }

  async issue(ceremony: PasskeyCeremony, userId: UserId | null): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const challenge = randomBytes(32).toString("base64url");
    const expiresAt = new Date(this.clock.now().getTime() + PASSKEY_CHALLENGE_TTL_SECONDS * 1000);
    const previous = this.cookie.storedId();
    await withDatabaseErrors(() =>
      this.prisma.$transaction([
        // A ceremony started again replaces the caller's earlier one.
        this.prisma.passkeyChallenge.deleteMany({ where: { id: previous ?? "" } }),
        this.prisma.passkeyChallenge.create({
          data: { id: hashSecret(token), ceremony, userId, challengeHash: hashSecret(challenge), expiresAt },
        }),
      ]),
    );
    this.cookie.give(token, PASSKEY_CHALLENGE_TTL_SECONDS);
    return challenge;
  }

  async take(ceremony: PasskeyCeremony): Promise<PasskeyChallenge | null> {
    const id = this.cookie.storedId();
    if (!id) return null;
    this.cookie.clear();
    const [row] = await withDatabaseErrors(
      () => this.prisma.$queryRaw<{ ceremony: string; userId: string | null; challengeHash: string; live: unknown }[]>`
        DELETE FROM passkey_challenges WHERE id = ${id}
        RETURNING ceremony, user_id AS "userId", challenge_hash AS "challengeHash",
                  CASE WHEN expires_at > ${this.clock.now()} THEN 1 ELSE 0 END AS live`,
    );
    if (!row || row.ceremony !== ceremony || Number(row.live) !== 1) return null;
    return {
      userId: row.userId as UserId | null,
      matches: (challenge) => hashSecret(challenge) === row.challengeHash,
    };
  }
}

export function passkeyChallengeCookieName(options: PasskeyChallengeCookieOptions): string {
  return ChallengeCookie.nameFor("passkey", options);
}

/** Deletes challenges past their five minutes (never honoured, but they would pile up). */
export async function purgeExpiredPasskeyChallenges(prisma: PrismaClient, now: Date): Promise<void> {
  await withDatabaseErrors(() => prisma.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } }));
}
