import { getSystemErrorMap } from "node:util";
import type { AppCode } from "@gatehouse/api";
import { TRPCClientError } from "@trpc/client";

export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** What a person at the CLI can do about a refusal, where the API's message cannot know it. */
const NEXT_STEPS: Partial<Record<AppCode, string>> = {
  MFA_ENROLMENT_REQUIRED: "The CLI cannot set it up: do it on the web app's /account page, then log in here again.",
  API_KEY_SCOPE:
    "A read key only reads (make a full key to change things); no key manages API keys or two-factor (unset GATEHOUSE_API_KEY and log in).",
};

/** The message and exit code for anything a command throws. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof TRPCClientError) {
    // The client's fetch (remote.ts) throws a CliError naming the server; tRPC wraps it.
    if (error.cause instanceof CliError) return describeFailure(error.cause);
    const data = error.data as { appCode?: AppCode; fieldErrors?: Record<string, string[]> } | undefined;
    if (!data?.appCode) {
      return { message: `Cannot reach the server: ${error.message}`, exitCode: EXIT.unreachable };
    }
    // The message already names each invalid field and its rule.
    const nextStep = NEXT_STEPS[data.appCode];
    const message = nextStep ? `${error.message} ${nextStep}` : error.message;
    return { message: `${message} (${data.appCode})`, exitCode: EXIT.refused };
  }
  // In-process calls (bootstrap) throw the server's TRPCError; its cause carries the code.
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return { message: `${cause.message} (${cause.code})`, exitCode: EXIT.refused };
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.refused };
}

interface NetworkError {
  message: string;
  code?: string;
  errno?: number;
  cause?: unknown;
  errors?: unknown[];
}

/** The error that says what went wrong: undici's "fetch failed" carries it as its cause. */
function innermost(error: NetworkError): NetworkError {
  // Connecting to every address of a name (IPv6 and IPv4) fails with one error per address.
  const next = error.errors?.[0] ?? error.cause;
  return next instanceof Error ? innermost(next) : error;
}

/**
 * Why a request never got an answer, in words, with the code to search for: "connection refused
 * (ECONNREFUSED)", "host not found (ENOTFOUND)", "TLS: self-signed certificate
 * (DEPTH_ZERO_SELF_SIGNED_CERT)".
 */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { message, code, errno } = innermost(error);
  if (!code) {
    // The Fetch standard's blocked ports (1, 25, 6000…), refused before any connection.
    if (message === "bad port") return "fetch never connects to this port, reserved for another protocol (bad port)";
    return message;
  }
  const words: Record<string, string> = {
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed, try again later",
    UND_ERR_CONNECT_TIMEOUT: "connection timed out",
    UND_ERR_HEADERS_TIMEOUT: "no answer in time",
    UND_ERR_BODY_TIMEOUT: "the answer stopped arriving",
    UND_ERR_SOCKET: "the connection closed before the answer was complete",
  };
  if (words[code]) return `${words[code]} (${code})`;
  // System errors (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH…) in libuv's words.
  const system = errno === undefined ? undefined : getSystemErrorMap().get(errno);
  if (system?.[0] === code) return `${system[1]} (${code})`;
  if (/CERT|SSL|TLS/.test(code)) return `TLS: ${message} (${code})`;
  return `${message} (${code})`;
}
