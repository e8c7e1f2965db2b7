import type { CurrentUser } from "../common/current-user";
import type { AccessRevoker } from "../ports/access-revoker.port";
import type { AuditLog } from "../ports/audit-log.port";
import type { TransactionManager } from "../ports/transaction-manager.port";

/** The caller logs out everywhere but here. */
export class EndMyOtherSessionsInteractor {
  constructor(
    private readonly currentUser: CurrentUser,
    private readonly accessRevoker: AccessRevoker,
    private readonly transactions: TransactionManager,
    private readonly audit: AuditLog,
  ) {}

  async execute(): Promise<{ ok: true }> {
    const user = await this.currentUser.get();
    await this.transactions.run(async () => {
      await this.accessRevoker.revokeOtherSessions(user.id);
      this.audit.record({ type: "sessions.ended", actorId: user.id, targetId: user.id });
    });
    return { ok: true };
  }
}
