import {
  NotAuthenticatedError,
  parseApiKeyScope,
  type AccountView,
  type ApiKeyScope,
  type Clock,
  type UserId,
} from "@gatehouse/core";
import { API_KEY_PATTERN, hashApiKey } from "../api-keys/random-api-key.generator";
import type { PrismaClient } from "../generated/sqlite/client";
import { withDatabaseErrors } from "../persistence/database-error.translator";
import type { AttemptThrottle } from "../throttle/attempt-throttle";
import type { ApiKeyCheckRow, SessionCheck } from "./session-check";

/** "Last used" is written at most this often per key, so checking a key stays a read. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The caller of a request that came with `Authorization: Bearer <key>`: the key's owner, as
 * the key check reads them (one indexed query joining the owner, like the session check),
 * checked once per request. An unknown, malformed, revoked or expired key, or one whose owner
 * is deactivated, is no caller (NOT_AUTHENTICATED) and counts against the client IP's budget,
 * so keys cannot be guessed faster than passwords.
 */
export class ApiKeyCaller {
  private found: Promise<ApiKeyCheckRow | null> | null = null;

  constructor(
    private readonly deps: {
      /** What followed "Bearer " (empty when the header was malformed). */
      token: string;
      check: Pick<SessionCheck, "findApiKey">;
      prisma: PrismaClient;
      clock: Clock;
      throttle: Pick<AttemptThrottle, "countInvalidCredential">;
      clientIp: string | null;
    },
  ) {}

  async userId(): Promise<UserId | null> {
    return (await this.key())?.owner.id ?? null;
  }

  /** The owner's account as the key check read it (see SessionAccountReader). */
  async account(): Promise<AccountView | null> {
    return (await this.key())?.owner ?? null;
  }

  /** The key's scope; NOT_AUTHENTICATED when the key is not a live one. */
  async scope(): Promise<ApiKeyScope> {
    const key = await this.key();
    if (!key) throw new NotAuthenticatedError();
    return parseApiKeyScope(key.scope);
  }

  private key(): Promise<ApiKeyCheckRow | null> {
    this.found ??= this.check();
    return this.found;
  }

  private async check(): Promise<ApiKeyCheckRow | null> {
    const { token, check, prisma, clock, throttle, clientIp } = this.deps;
    const key = API_KEY_PATTERN.test(token)
      ? await withDatabaseErrors(() => check.findApiKey(hashApiKey(token)))
      : null;
    const now = clock.now();
    if (!key || key.expiresAt.getTime() <= now.getTime() || !key.owner.isActive) {
      await throttle.countInvalidCredential(clientIp);
      return null;
    }
    if (key.lastUsedAt === null || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      await withDatabaseErrors(() => prisma.apiKey.updateMany({ where: { id: key.keyId }, data: { lastUsedAt: now } }));
    }
    return key;
  }
}
