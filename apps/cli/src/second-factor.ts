import { CliError, EXIT } from "./errors";
import { promptHidden } from "./password";

/** What `account.completeMfa` takes: a code from the authenticator app, or a recovery code. */
type SecondFactorAnswer = { code: string } | { recoveryCode: string };

export interface SecondFactorOptions {
  code?: string;
  recoveryCode?: string;
}

const NO_CODE =
  "Two-factor authentication is on for this account: pass --code CODE (or --recovery-code CODE), or set GATEHOUSE_TOTP.";

/**
 * The answer to a log-in's two-factor challenge: --recovery-code, else --code, else
 * GATEHOUSE_TOTP, else typed at the terminal without echo. Six digits are the app's code;
 * anything else is sent as a recovery code (the API reads those with or without dashes).
 * Piped standard input is no source: it is the password's (read whole). None at all is a
 * usage error that says how to give one. The code is never printed.
 */
export async function readSecondFactor(options: SecondFactorOptions): Promise<SecondFactorAnswer> {
  if (options.recoveryCode) return { recoveryCode: options.recoveryCode };
  const typed =
    options.code || process.env.GATEHOUSE_TOTP || (process.stdin.isTTY ? await promptHidden("Two-factor code: ") : "");
  if (!typed) throw new CliError(NO_CODE, EXIT.usage);
  const digits = typed.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? { code: digits } : { recoveryCode: typed };
}
