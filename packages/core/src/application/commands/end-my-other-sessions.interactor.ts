import type { CurrentUser } from "../common/current-user";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";

/** The caller logs out everywhere but here. */
export class EndMyOtherSessionsInteractor {
  constructor(
    private readonly deps: {
      currentUser: CurrentUser;
      accessRevoker: AccessRevoker;
      transactions: TransactionManager;
      audit: AuditLog;
    },
  ) {}

  async execute(): Promise<{ ok: true }> {
    const { currentUser, accessRevoker, transactions, audit } = this.deps;
    const user = await currentUser.get();
    await transactions.run(async () => {
      await accessRevoker.revokeOtherSessions(user.id);
      audit.record({ type: "sessions.ended", actorId: user.id, targetId: user.id });
    });
    return { ok: true };
  }
}
