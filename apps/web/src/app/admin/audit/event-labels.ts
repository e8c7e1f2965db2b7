import type { AuditEventType, RouterOutputs } from "@gatehouse/api";

/**
 * Each audit event type in words, for the log's rows and its filter. A Record over the API's
 * type list: a new event type fails the type check until it has its words here.
 */
export const AUDIT_EVENT_LABELS: Readonly<Record<AuditEventType, string>> = {
  "user.signed_up": "Signed up",
  "user.created": "User created",
  "user.logged_in": "Logged in",
  "user.login_failed": "Failed log-in",
  "user.logged_out": "Logged out",
  "user.password_changed": "Password changed",
  "user.password_confirmation_failed": "Wrong current password",
  "user.password_set": "Password set by an admin",
  "user.admin_granted": "Admin rights granted",
  "user.admin_revoked": "Admin rights revoked",
  "user.activated": "Account activated",
  "user.deactivated": "Account deactivated",
  "sessions.ended": "Sessions ended",
  "throttle.tripped": "Too many attempts",
  "mfa.enabled": "Two-factor turned on",
  "mfa.disabled": "Two-factor turned off",
  "mfa.reset": "Two-factor reset by an admin",
  "mfa.recovery_code_used": "Recovery code used",
  "mfa.recovery_codes_regenerated": "New recovery codes",
  "login.mfa_failed": "Wrong two-factor code",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "passkey.added": "Passkey added",
  "passkey.removed": "Passkey removed",
};

type LogInMethod = NonNullable<RouterOutputs["audit"]["list"]["items"][number]["method"]>;

/** How a log-in (or a failed one) was made, in words: the `method` of its audit event. */
export const LOG_IN_METHOD_LABELS: Readonly<Record<LogInMethod, string>> = {
  password: "password",
  totp: "authenticator app",
  recovery_code: "recovery code",
  passkey: "passkey",
};

/** An event in words as the log shows it: "Logged in (passkey)", "User created". */
export function auditEventWords(event: { type: AuditEventType; method?: LogInMethod | null }): string {
  const label = AUDIT_EVENT_LABELS[event.type];
  return event.method ? `${label} (${LOG_IN_METHOD_LABELS[event.method]})` : label;
}
