import pino from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export type Logger = pino.Logger;

/**
 * Structured JSON logs (pino), one object per line on stdout. Callers log ids and codes,
 * never passwords, hashes, peppers, cookies or session tokens; the redaction below is a
 * second line of defence should one slip into a logged object.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "gatehouse" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "password",
          "*.password",
          "newPassword",
          "*.newPassword",
          "currentPassword",
          "*.currentPassword",
          "cookie",
          "*.cookie",
          "token",
          "*.token",
          "passwordHash",
          "*.passwordHash",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
