import { parseRecordId } from "../../domain/common/record-id";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import { ApiKeyNotFoundError } from "../errors/application-error";
import type { ApiKeyStore } from "../ports/api-key-store.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";

/** The caller revokes one of their keys: it stops working at once. */
export class RevokeMyApiKeyInteractor {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      keys: ApiKeyStore;
      transactions: TransactionManager;
      audit: AuditLog;
    },
  ) {}

  async execute(request: { keyId: string }): Promise<{ ok: true }> {
    const { currentUser, keys, transactions, audit } = this.deps;
    const user = await currentUser.get();
    const { keyId } = validateFields({ keyId: () => parseRecordId(request.keyId, "Key id") });
    const revoked = await transactions.run(async () => {
      const found = await keys.revoke(user.id, keyId);
      if (found) audit.record({ type: "api_key.revoked", actorId: user.id, targetId: user.id });
      return found;
    });
    // Another user's key id answers exactly like an unknown one.
    if (!revoked) throw new ApiKeyNotFoundError();
    return { ok: true };
  }
}
