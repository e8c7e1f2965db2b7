import type {
  AccountView,
  ApiKeyView,
  MfaStatus,
  PasskeyView,
  SessionView,
  TotpEnrolment,
  UserListItemWithActions,
} from "@gatehouse/core";
import { renderSVG } from "uqr";

/** An account as the API sends it: plain JSON, the date as an ISO string. */
export function presentAccount(account: AccountView) {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    isActive: account.isActive,
    createdAt: account.createdAt.toISOString(),
  };
}

/** A row of the users table: the account, its last log-in, and what the caller may do to that user (core's permissions). */
export function presentUser(user: UserListItemWithActions) {
  const { setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions, resetMfa } = user.can;
  return {
    ...presentAccount(user),
    lastLogInAt: user.lastLogInAt?.toISOString() ?? null,
    mfaEnabled: user.mfaEnabled,
    can: { setPassword, grantAdmin, revokeAdmin, activate, deactivate, viewSessions, endSessions, resetMfa },
  };
}

/** A session as the API sends it: its public id and dates as ISO strings, never the token. */
export function presentSession(session: SessionView) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    ipAddress: session.ipAddress,
    userAgent: session.userAgent,
    current: session.current,
  };
}

/** The caller's two-factor state, dates as ISO strings. */
export function presentMfaStatus(status: MfaStatus) {
  return {
    totpEnabled: status.totpEnabled,
    recoveryCodesLeft: status.recoveryCodesLeft,
    enabledAt: status.enabledAt?.toISOString() ?? null,
  };
}

/** A pending enrolment: the secret, its otpauth URI, and that URI as a QR code (an SVG document). */
export function presentTotpEnrolment(enrolment: TotpEnrolment) {
  return { secret: enrolment.secret, uri: enrolment.uri, qrSvg: renderSVG(enrolment.uri) };
}

/** An API key as its owner (or their admin) sees it: never the key, dates as ISO strings. */
export function presentApiKey(key: ApiKeyView) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt.toISOString(),
  };
}

/** A passkey as its owner (or their admin) sees it: never its key material, dates as ISO strings. */
export function presentPasskey(passkey: PasskeyView) {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    backedUp: passkey.backedUp,
  };
}
