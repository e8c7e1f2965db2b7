import {
  parseApiKeyScope,
  type ApiKeyStore,
  type ApiKeyView,
  type Clock,
  type NewApiKey,
  type UserId,
} from "@gatehouse/core";
import type { PrismaUnitOfWork } from "../adapters/prisma-unit-of-work";
import { withDatabaseErrors } from "../persistence/database-error.translator";

/** API keys in `api_keys`; revoking marks `revoked_at`, so the row stays for the record. */
export class PrismaApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly unitOfWork: PrismaUnitOfWork,
    private readonly clock: Clock,
  ) {}

  add(key: NewApiKey): void {
    const { id, userId, name, prefix, scope, hash, createdAt, expiresAt } = key;
    this.unitOfWork.register((db) =>
      db.apiKey.create({ data: { id, userId, name, prefix, scope, keyHash: hash, createdAt, expiresAt } }),
    );
  }

  async listOf(userId: UserId): Promise<ApiKeyView[]> {
    const rows = await withDatabaseErrors(() =>
      this.unitOfWork.executor.apiKey.findMany({
        where: { userId, revokedAt: null },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, expiresAt: true },
      }),
    );
    return rows.map((row) => ({ ...row, scope: parseApiKeyScope(row.scope) }));
  }

  async revoke(userId: UserId, keyId: string): Promise<boolean> {
    const { count } = await withDatabaseErrors(() =>
      this.unitOfWork.executor.apiKey.updateMany({
        where: { id: keyId, userId, revokedAt: null },
        data: { revokedAt: this.clock.now() },
      }),
    );
    return count > 0;
  }

  revokeAllOf(userId: UserId): void {
    const revokedAt = this.clock.now();
    this.unitOfWork.register((db) => db.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt } }));
  }
}
