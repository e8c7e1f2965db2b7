import {
  MfaChallengeExpiredError,
  type CompleteMfaLogInInteractor,
  type CompleteMfaLogInRequest,
} from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import { UserChangedDuringLogInError } from "../prisma-lucia.adapter";
import type { RequestSession } from "../request-session";
import type { LogInResponse } from "./log-in.handler";

/**
 * The second step of a log-in over HTTP: the use case checks the code against the caller's
 * challenge, then the session starts, as a password log-in's does (and with the same check
 * that the user did not change meanwhile).
 */
export class CompleteMfaHandler {
  constructor(
    private readonly deps: {
      completeMfa: CompleteMfaLogInInteractor;
      session: RequestSession;
      audit: PrismaAuditLog;
    },
  ) {}

  async execute(request: CompleteMfaLogInRequest): Promise<LogInResponse> {
    const { completeMfa, session, audit } = this.deps;
    const { user, usedRecoveryCode } = await completeMfa.execute(request);
    try {
      await session.start(user);
    } catch (error) {
      if (!(error instanceof UserChangedDuringLogInError)) throw error;
      throw new MfaChallengeExpiredError();
    }
    const method = usedRecoveryCode ? "recovery_code" : "totp";
    await audit.recordNow({ type: "user.logged_in", actorId: user.id, targetId: user.id, method });
    return { id: user.id, username: user.username.value, role: user.role };
  }
}
