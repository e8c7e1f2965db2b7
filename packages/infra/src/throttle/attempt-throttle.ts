import type { Clock } from "@gatehouse/core";
import { RateLimiterRes } from "rate-limiter-flexible";
import { SystemClock } from "../adapters/system.clock";
import type { PrismaClient } from "../generated/sqlite/client";
import { RateLimitedError } from "../errors/infrastructure-error";
import { translateDatabaseError, withDatabaseErrors } from "../persistence/database-error.translator";
import { ipBudgetKey } from "./ip-budget-key";
import { RateLimiterSqlStore } from "./rate-limiter-sql.store";

export interface ThrottleBudgets {
  /** Log-in attempts at one account per window (a success forgives them). */
  loginAttemptsPerAccount: number;
  /** Log-in attempts from one client IP per window. */
  loginAttemptsPerIp: number;
  loginWindowSeconds: number;
  signUpsPerIp: number;
  signUpWindowSeconds: number;
}

/** The budgets an attempt can be refused by: what a refusal listener is told. */
export type ThrottleBudgetName = "login_ip" | "login_account" | "signup_ip";

/**
 * Counts attempts in the database (rate-limiter-flexible over our SQL store of its
 * `rate_limits` table) so every app instance sees the same counters. An attempt is counted
 * before the password is checked, so parallel guesses cannot slip past the budget; a
 * successful log-in forgives the account's count and refunds the IP's point.
 */
export class AttemptThrottle {
  private readonly loginByAccount: RateLimiterSqlStore;
  private readonly loginByIp: RateLimiterSqlStore;
  private readonly signUpByIp: RateLimiterSqlStore;

  /**
   * `clock`: where the windows read the time (the app's Clock; a test's clock it can move forward).
   * `onRefused`: told the budget of every refused attempt (metrics count them); never its key.
   */
  constructor(
    prisma: PrismaClient,
    budgets: ThrottleBudgets,
    private readonly clock: Clock = new SystemClock(),
    private readonly onRefused: (budget: ThrottleBudgetName) => void = () => undefined,
  ) {
    const now = () => clock.now();
    this.loginByAccount = new RateLimiterSqlStore(
      prisma,
      { keyPrefix: "login:account", points: budgets.loginAttemptsPerAccount, duration: budgets.loginWindowSeconds },
      now,
    );
    this.loginByIp = new RateLimiterSqlStore(
      prisma,
      { keyPrefix: "login:ip", points: budgets.loginAttemptsPerIp, duration: budgets.loginWindowSeconds },
      now,
    );
    this.signUpByIp = new RateLimiterSqlStore(
      prisma,
      { keyPrefix: "signup:ip", points: budgets.signUpsPerIp, duration: budgets.signUpWindowSeconds },
      now,
    );
  }

  /** Counts a log-in attempt; throws RateLimitedError when the account or the IP is over budget. */
  async countLogInAttempt(usernameKey: string, clientIp: string | null): Promise<void> {
    await this.consume(this.loginByIp, "login_ip", ipBudgetKey(clientIp));
    await this.consume(this.loginByAccount, "login_account", usernameKey);
  }

  /**
   * Counts a check of a signed-in caller's password against the account's log-in budget
   * (see PasswordAttempts): the same counter log-in spends, so guesses through a stolen
   * session and through the log-in form add up.
   */
  async countAccountAttempt(usernameKey: string): Promise<void> {
    await this.consume(this.loginByAccount, "login_account", usernameKey);
  }

  /**
   * Counts a request with an invalid credential that is not a password (an unknown or dead
   * API key) against the client IP's log-in budget: guessing keys costs what guessing
   * passwords does. Throws RateLimitedError when the IP is over budget.
   */
  async countInvalidCredential(clientIp: string | null): Promise<void> {
    await this.consume(this.loginByIp, "login_ip", ipBudgetKey(clientIp));
  }

  async forgiveAccount(usernameKey: string): Promise<void> {
    await withDatabaseErrors(() => this.loginByAccount.delete(usernameKey));
  }

  async forgiveLogIn(usernameKey: string, clientIp: string | null): Promise<void> {
    await withDatabaseErrors(() => this.loginByAccount.delete(usernameKey));
    await withDatabaseErrors(() => this.loginByIp.reward(ipBudgetKey(clientIp), 1));
  }

  /** Counts a sign-up; throws RateLimitedError when the IP is over budget. */
  async countSignUp(clientIp: string | null): Promise<void> {
    await this.consume(this.signUpByIp, "signup_ip", ipBudgetKey(clientIp));
  }

  /** Removes expired counters; run periodically like the session purge. */
  async purgeExpired(prisma: PrismaClient): Promise<void> {
    await withDatabaseErrors(() => prisma.rateLimit.deleteMany({ where: { expire: { lt: this.clock.now() } } }));
  }

  private async consume(limiter: RateLimiterSqlStore, budget: ThrottleBudgetName, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (rejection) {
      // The library rejects with a RateLimiterRes when over budget, with an Error on failure.
      if (rejection instanceof RateLimiterRes) {
        this.onRefused(budget);
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw translateDatabaseError(rejection);
    }
  }
}
