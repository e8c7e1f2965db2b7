import type { UserId } from "../../domain/user/user-id.value-object";

/** Everything the audit log records. */
export const AUDIT_EVENT_TYPES = [
  "user.signed_up",
  "user.created",
  "user.logged_in",
  "user.login_failed",
  "user.logged_out",
  "user.password_changed",
  "user.password_confirmation_failed",
  "user.password_set",
  "user.admin_granted",
  "user.admin_revoked",
  "user.activated",
  "user.deactivated",
  "sessions.ended",
  "throttle.tripped",
  "mfa.enabled",
  "mfa.disabled",
  "mfa.reset",
  "mfa.recovery_code_used",
  "mfa.recovery_codes_regenerated",
  "login.mfa_failed",
  "api_key.created",
  "api_key.revoked",
  "passkey.added",
  "passkey.removed",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** How a log-in was made (or tried): the password alone, with a code from the app or a recovery code, or a passkey. */
export const LOG_IN_METHODS = ["password", "totp", "recovery_code", "passkey"] as const;
export type LogInMethod = (typeof LOG_IN_METHODS)[number];

/** What a use case says happened; the log adds the time, the id, the client IP and the request id. */
export interface AuditRecord {
  type: AuditEventType;
  actorId: UserId | null;
  targetId: UserId | null;
  /** Only for failed log-ins and throttling: the username tried, lower-cased. Never a password. */
  attemptedUsername?: string | null;
  /** Only for log-ins (`user.logged_in`, `user.login_failed`): how it was made or tried. */
  method?: LogInMethod | null;
}

/** One entry as admins read it. */
export interface AuditEventView {
  id: string;
  occurredAt: Date;
  type: AuditEventType;
  actorId: string | null;
  /** The actor's username, read with the event (null when there is no actor). */
  actorUsername: string | null;
  targetId: string | null;
  targetUsername: string | null;
  attemptedUsername: string | null;
  method: LogInMethod | null;
  clientIp: string | null;
  requestId: string | null;
}
