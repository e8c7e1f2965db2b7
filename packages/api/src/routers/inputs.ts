import { z } from "zod";

/** A UTF-16 surrogate without its other half: not a character, and no database can store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text we can store and compare: well-formed Unicode without NUL. PostgreSQL refuses NUL in
 * text and the database drivers refuse lone surrogates (both were 500s), and a password's lone
 * surrogate would be hashed as U+FFFD, so that different passwords matched. No field has a use
 * for either.
 */
function isStorable(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

function text(label: string, message: string, maxLength: number, tooLong: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : message) })
    .max(maxLength, tooLong)
    .refine(isStorable, `${label} must not contain NUL characters or invalid Unicode.`);
}

/**
 * A required string field. The value objects in the core own the real rules (length,
 * characters, formats); this only keeps absurdly large payloads and text no database can
 * store away from them.
 */
export function requiredString(label: string, maxLength = 1024) {
  return text(label, `${label} must be a string.`, maxLength, `${label} must be at most ${maxLength} characters.`);
}

export const credentialsInput = z
  .object({ username: requiredString("Username", 256), password: requiredString("Password") })
  .strict();

export const changePasswordInput = z
  .object({ currentPassword: requiredString("Current password"), newPassword: requiredString("New password") })
  .strict();

export const userIdInput = z.object({ userId: requiredString("User id", 64) }).strict();

export const createUserInput = z
  .object({
    username: requiredString("Username", 256),
    password: requiredString("Password"),
    role: requiredString("Role", 32),
  })
  .strict();

export const setPasswordInput = z
  .object({ userId: requiredString("User id", 64), password: requiredString("Password") })
  .strict();

/** Types and bounds only; the core checks the values (sort keys, roles, the cursor). */
export const listUsersInput = z
  .object({
    limit: z.number({ error: "Limit must be a number." }).optional(),
    cursor: text("Cursor", "Cursor must be a string.", 512, "Cursor is too long.").nullish(),
    sortBy: requiredString("Sort key", 32).optional(),
    order: requiredString("Order", 8).optional(),
    search: text("Search", "Search must be a string.", 100, "Search must be at most 100 characters.").nullish(),
    role: requiredString("Role", 32).nullish(),
    isActive: z.boolean({ error: "isActive must be true or false." }).nullish(),
    includeTotal: z.boolean({ error: "includeTotal must be true or false." }).optional(),
  })
  .strict()
  .optional();

export const passwordInput = z.object({ password: requiredString("Password") }).strict();

export const totpCodeInput = z.object({ code: requiredString("Code", 64) }).strict();

/** The second log-in step: exactly one of the two (the core says so when both or neither come). */
export const completeMfaInput = z
  .object({ code: requiredString("Code", 64).optional(), recoveryCode: requiredString("Recovery code", 64).optional() })
  .strict();

/** Password and a current code (from the app, or a recovery code) re-confirm the caller. */
export const passwordAndCodeInput = z
  .object({ password: requiredString("Password"), code: requiredString("Code", 64) })
  .strict();

/** Types and bounds only; the core checks the name, the scope and the days. */
export const createApiKeyInput = z
  .object({
    password: requiredString("Password"),
    name: requiredString("Name", 256),
    scope: requiredString("Scope", 16),
    expiresInDays: z.number({ error: "expiresInDays must be a number." }).optional(),
  })
  .strict();

export const keyIdInput = z.object({ keyId: requiredString("Key id", 64) }).strict();

/**
 * What a browser's `PublicKeyCredential.toJSON()` gives: an object. Its fields are the WebAuthn
 * library's to check (anything it cannot verify is PASSKEY_REJECTED); the body limit bounds its size.
 */
const webAuthnResponse = z.record(z.string(), z.unknown(), { error: "Response must be a WebAuthn credential's JSON." });

export const finishPasskeyRegistrationInput = z
  .object({ name: requiredString("Name", 256), response: webAuthnResponse })
  .strict();

export const finishPasskeyLogInInput = z.object({ response: webAuthnResponse }).strict();

const passkeyId = requiredString("Passkey id", 64);

export const renamePasskeyInput = z.object({ passkeyId, name: requiredString("Name", 256) }).strict();

export const removePasskeyInput = z.object({ passkeyId, password: requiredString("Password") }).strict();

export const sessionIdInput = z.object({ sessionId: requiredString("Session id", 64) }).strict();

/** Types and bounds only; the core checks the values (types, ids, dates, the cursor). */
export const listAuditInput = z
  .object({
    limit: z.number({ error: "Limit must be a number." }).optional(),
    cursor: text("Cursor", "Cursor must be a string.", 512, "Cursor is too long.").nullish(),
    type: requiredString("Type", 64).nullish(),
    actorId: requiredString("Actor id", 64).nullish(),
    targetId: requiredString("Target id", 64).nullish(),
    actorUsername: requiredString("Actor username", 64).nullish(),
    targetUsername: requiredString("Target username", 64).nullish(),
    userId: requiredString("User id", 64).nullish(),
    from: requiredString("From", 64).nullish(),
    to: requiredString("To", 64).nullish(),
  })
  .strict()
  .optional();
