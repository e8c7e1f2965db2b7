import { parseApiKeyName, parseApiKeyScope, parseExpiresInDays } from "../../domain/api-key/api-key";
import type { Clock } from "../../domain/ports/clock.port";
import type { IdGenerator } from "../../domain/ports/id-generator.port";
import type { CurrentUser } from "../common/current-user";
import type { PasswordConfirmation } from "../common/password-confirmation";
import { validateFields } from "../common/validate-fields";
import type { ApiKeyGenerator } from "../ports/api-key-generator.port";
import type { ApiKeyStore } from "../ports/api-key-store.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";

export interface CreateApiKeyRequest {
  password: string;
  name: string;
  scope: string;
  expiresInDays?: number;
}

const DAY_MS = 86_400_000;

/**
 * The caller makes a key for a program. Their password first (counted against the account's
 * budget, see PasswordConfirmation); the key is shown this once and only its hash is kept.
 */
export class CreateApiKeyInteractor {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      confirmation: PasswordConfirmation;
      keys: ApiKeyStore;
      generator: ApiKeyGenerator;
      ids: IdGenerator;
      clock: Clock;
      transactions: TransactionManager;
      audit: AuditLog;
    },
  ) {}

  async execute(request: CreateApiKeyRequest): Promise<{ id: string; key: string }> {
    const { currentUser, confirmation, keys, generator, ids, clock, transactions, audit } = this.deps;
    const user = await currentUser.get();
    const { name, scope, expiresInDays } = validateFields({
      name: () => parseApiKeyName(request.name),
      scope: () => parseApiKeyScope(request.scope),
      expiresInDays: () => parseExpiresInDays(request.expiresInDays),
    });
    await confirmation.confirm(user, request.password);

    const { key, prefix, hash } = generator.generate();
    const now = clock.now();
    const id = ids.next();
    await transactions.run(async () => {
      keys.add({
        id,
        userId: user.id,
        name,
        prefix,
        scope,
        hash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
      });
      audit.record({ type: "api_key.created", actorId: user.id, targetId: user.id });
    });
    return { id, key };
  }
}
