import type { PasswordAttempts, Username } from "@gatehouse/core";
import type { PrismaAuditLog } from "../audit/prisma-audit-log";
import { RateLimitedError } from "../errors/infrastructure-error";
import type { AttemptThrottle } from "./attempt-throttle";

/** PasswordAttempts on the account's log-in counter; a tripped budget is audited like log-in's. */
export class ThrottledPasswordAttempts implements PasswordAttempts {
  constructor(
    private readonly throttle: AttemptThrottle,
    private readonly audit: PrismaAuditLog,
  ) {}

  async count(username: Username): Promise<void> {
    try {
      await this.throttle.countAccountAttempt(username.key);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await this.audit.recordNow({
          type: "throttle.tripped",
          actorId: null,
          targetId: null,
          attemptedUsername: username.key,
        });
      }
      throw error;
    }
  }

  forgive(username: Username): Promise<void> {
    return this.throttle.forgiveAccount(username.key);
  }
}
