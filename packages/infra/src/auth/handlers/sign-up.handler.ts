import type { SignUpInteractor, SignUpRequest, SignUpResponse } from "@gatehouse/core";
import type { PrismaAuditLog } from "../../audit/prisma-audit-log";
import { RateLimitedError } from "../../errors/infrastructure-error";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";

/** Sign-up as the core defines it, throttled per client IP against mass account creation. */
export class SignUpHandler {
  constructor(
    private readonly signUp: SignUpInteractor,
    private readonly throttle: AttemptThrottle,
    private readonly clientIp: string | null,
    private readonly audit: PrismaAuditLog,
  ) {}

  async execute(request: SignUpRequest): Promise<SignUpResponse> {
    try {
      await this.throttle.countSignUp(this.clientIp);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await this.audit.recordNow({ type: "throttle.tripped", actorId: null, targetId: null });
      }
      throw error;
    }
    return this.signUp.execute(request);
  }
}
