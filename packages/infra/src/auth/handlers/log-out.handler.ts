import type { IdentityProvider } from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import type { RequestSession } from "../request-session";

/** Ends the caller's current session and clears its cookie. */
export class LogOutHandler {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly session: RequestSession,
    private readonly audit: PrismaAuditLog,
  ) {}

  async execute(): Promise<{ ok: true }> {
    const userId = await this.identity.currentUserId(); // NOT_AUTHENTICATED when there is nothing to end
    await this.session.end();
    await this.audit.recordNow({ type: "user.logged_out", actorId: userId, targetId: userId });
    return { ok: true };
  }
}
