import type { SignUpInteractor, SignUpRequest, SignUpResponse } from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import { RateLimitedError } from "../../errors/infrastructure-error";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";

/** Sign-up as the core defines it, throttled per client IP against mass account creation. */
export class SignUpHandler {
  constructor(
    private readonly deps: {
      signUp: SignUpInteractor;
      throttle: AttemptThrottle;
      clientIp: string | null;
      audit: PrismaAuditLog;
    },
  ) {}

  async execute(request: SignUpRequest): Promise<SignUpResponse> {
    const { signUp, throttle, clientIp, audit } = this.deps;
    try {
      await throttle.countSignUp(clientIp);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await audit.recordNow({ type: "throttle.tripped", actorId: null, targetId: null });
      }
      throw error;
    }
    return signUp.execute(request);
  }
}
