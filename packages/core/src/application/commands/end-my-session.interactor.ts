import { parseRecordId } from "../../domain/common/record-id";
import type { CurrentUser } from "../common/current-user";
import { validateFields } from "../common/validate-fields";
import { SessionNotFoundError } from "../errors/application-error";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";

/** The caller ends one of their own sessions (a lost phone, a shared computer). */
export class EndMySessionInteractor {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      accessRevoker: AccessRevoker;
      transactions: TransactionManager;
      audit: AuditLog;
    },
  ) {}

  async execute(request: { sessionId: string }): Promise<{ ok: true }> {
    const { currentUser, accessRevoker, transactions, audit } = this.deps;
    const user = await currentUser.get();
    const { sessionId } = validateFields({ sessionId: () => parseRecordId(request.sessionId, "Session id") });
    const ended = await transactions.run(async () => {
      const found = await accessRevoker.revokeSession(user.id, sessionId);
      if (found) audit.record({ type: "sessions.ended", actorId: user.id, targetId: user.id });
      return found;
    });
    // Another user's session id answers exactly like an unknown one.
    if (!ended) throw new SessionNotFoundError();
    return { ok: true };
  }
}
