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

/** The message and exit code for anything a command throws. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: string; fieldErrors?: Record<string, string[]> } | undefined;
    if (!data?.appCode) {
      return { message: `Cannot reach the server: ${error.message}`, exitCode: EXIT.unreachable };
    }
    // The message already names each invalid field and its rule.
    return { message: `${error.message} (${data.appCode})`, exitCode: EXIT.refused };
  }
  // In-process calls (bootstrap) throw the server's TRPCError; its cause carries the code.
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return { message: `${cause.message} (${cause.code})`, exitCode: EXIT.refused };
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.refused };
}
