import type { IdentityProvider } from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import type { RequestSession } from "../request-session";

/** Ends the caller's current session and clears its cookie. */
export class LogOutHandler {
  constructor(private readonly deps: { identity: IdentityProvider; session: RequestSession; audit: PrismaAuditLog }) {}

  async execute(): Promise<{ ok: true }> {
    const { identity, session, audit } = this.deps;
    const userId = await identity.currentUserId(); // NOT_AUTHENTICATED when there is nothing to end
    await session.end();
    await audit.recordNow({ type: "user.logged_out", actorId: userId, targetId: userId });
    return { ok: true };
  }
}
