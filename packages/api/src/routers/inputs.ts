import { z } from "zod";

/**
 * A required string field. The value objects in the core own the real rules (length,
 * characters); this only keeps absurdly large payloads away from them.
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
