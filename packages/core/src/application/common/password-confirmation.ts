import { RawPassword } from "../../domain/user/raw-password.value-object";
import type { User } from "../../domain/user/user.entity";
import type { UserService } from "../../domain/user/user.service";
import { CurrentPasswordInvalidError } from "../errors/application-error";
import type { AuditLog } from "../ports/audit-log.port";
import type { PasswordAttempts } from "../ports/password-attempts.port";

/**
 * A signed-in caller proves again that they know their password (to change it, and to manage
 * second factors and keys). A stolen session must not become a way to guess the password at
 * hashing speed: each check counts against the account's log-in budget before the hash is
 * checked, and each failure is audited on its own (it survives the request's rollback).
 */
export class PasswordConfirmation {
  constructor(
    private readonly userService: UserService,
    private readonly attempts: PasswordAttempts,
    private readonly audit: AuditLog,
  ) {}

  /** The password, if it is `user`'s; otherwise CurrentPasswordInvalidError. */
  async confirm(user: User, password: string): Promise<RawPassword> {
    const raw = await this.confirmKeepingCount(user, password);
    await this.attempts.forgive(user.username);
    return raw;
  }

  /**
   * As `confirm`, but a right password leaves the count standing: for when a second factor is
   * checked next and forgives it only if it passes too (a known password must not reset the
   * count of guessed codes).
   */
  async confirmKeepingCount(user: User, password: string): Promise<RawPassword> {
    await this.attempts.count(user.username);
    const raw = parseOrNull(password);
    if (raw === null || !(await this.userService.verifyPassword(user, raw))) {
      await this.audit.recordNow({ type: "user.password_confirmation_failed", actorId: user.id, targetId: user.id });
      throw new CurrentPasswordInvalidError();
    }
    return raw;
  }
}

/** A password that breaks the password rules cannot be the right one. */
function parseOrNull(value: string): RawPassword | null {
  try {
    return RawPassword.create(value);
  } catch {
    return null;
  }
}
