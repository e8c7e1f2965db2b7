import { TRPCClientError } from "@trpc/client";
import type { AppErrorData } from "../../src/index";

/** How one call ended, as the client saw it. Anything but a tRPC answer (a hang up) is thrown. */
export type Outcome<T> =
  { ok: true; value: T; ms: number } | { ok: false; httpStatus: number; appCode: string; message: string; ms: number };

export async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await call();
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as AppErrorData | undefined;
    return {
      ok: false,
      httpStatus: data?.httpStatus ?? 0,
      appCode: data?.appCode ?? "NO_APP_CODE",
      message: error.message,
      ms: performance.now() - started,
    };
  }
}

/** "ok" or "<status> <appCode>": what a test counts. */
export function label(outcome: Outcome<unknown>): string {
  return outcome.ok ? "ok" : `${outcome.httpStatus} ${outcome.appCode}`;
}

/** How many outcomes of each label, e.g. `{ ok: 1, "409 USERNAME_TAKEN": 199 }`. */
export function tally(outcomes: ReadonlyArray<Outcome<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[label(outcome)] = (counts[label(outcome)] ?? 0) + 1;
  return counts;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
