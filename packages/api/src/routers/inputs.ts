import { z } from "zod";

/**
 * A required string field. The value objects in the core own the real rules (length,
 * characters, formats); this only keeps absurdly large payloads away from them.
 */
export function requiredString(label: string, maxLength = 1024) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a string.`),
    })
    .max(maxLength, `${label} must be at most ${maxLength} characters.`);
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
    cursor: z.string({ error: "Cursor must be a string." }).max(512, "Cursor is too long.").nullish(),
    sortBy: requiredString("Sort key", 32).optional(),
    order: requiredString("Order", 8).optional(),
    search: z.string({ error: "Search must be a string." }).max(100, "Search must be at most 100 characters.").nullish(),
    role: requiredString("Role", 32).nullish(),
    isActive: z.boolean({ error: "isActive must be true or false." }).nullish(),
    includeTotal: z.boolean({ error: "includeTotal must be true or false." }).optional(),
  })
  .strict()
  .optional();

export const sessionIdInput = z.object({ sessionId: requiredString("Session id", 64) }).strict();

/** Types and bounds only; the core checks the values (types, ids, dates, the cursor). */
export const listAuditInput = z
  .object({
    limit: z.number({ error: "Limit must be a number." }).optional(),
    cursor: z.string({ error: "Cursor must be a string." }).max(512, "Cursor is too long.").nullish(),
    type: requiredString("Type", 64).nullish(),
    actorId: requiredString("Actor id", 64).nullish(),
    targetId: requiredString("Target id", 64).nullish(),
    from: requiredString("From", 64).nullish(),
    to: requiredString("To", 64).nullish(),
  })
  .strict()
  .optional();
