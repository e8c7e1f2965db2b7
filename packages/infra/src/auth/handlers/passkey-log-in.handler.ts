import { PasskeyRejectedError, type FinishPasskeyLogInInteractor } from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";
import { UserChangedDuringLogInError } from "../prisma-lucia.adapter";
import type { RequestSession } from "../request-session";
import type { LogInResponse } from "./log-in.handler";

/**
 * A log-in with a passkey over HTTP: the use case checks the assertion, then the session
 * starts as a password log-in's does. Every rejected assertion counts against the client
 * IP's log-in budget, as a wrong password does. The account's budget is neither spent nor
 * forgiven: someone guessing the password cannot lock the owner out of their passkey.
 */
export class PasskeyLogInHandler {
  constructor(
    private readonly deps: {
      finishLogIn: FinishPasskeyLogInInteractor;
      session: RequestSession;
      throttle: Pick<AttemptThrottle, "countInvalidCredential">;
      clientIp: string | null;
      audit: PrismaAuditLog;
    },
  ) {}

  async execute(request: { response: unknown }): Promise<LogInResponse> {
    const { finishLogIn, session, throttle, clientIp, audit } = this.deps;
    try {
      const { user } = await finishLogIn.execute(request);
      try {
        await session.start(user);
      } catch (error) {
        // The user's credentials changed between the check and the session (a passkey removed).
        if (error instanceof UserChangedDuringLogInError) throw new PasskeyRejectedError();
        throw error;
      }
      await audit.recordNow({ type: "user.logged_in", actorId: user.id, targetId: user.id, method: "passkey" });
      return { id: user.id, username: user.username.value, role: user.role };
    } catch (error) {
      // Over budget, this throws RATE_LIMITED instead.
      if (error instanceof PasskeyRejectedError) await throttle.countInvalidCredential(clientIp);
      throw error;
    }
  }
}
