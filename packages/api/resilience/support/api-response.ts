// What every answer of the API must look like, whatever was sent: never a 5xx, always JSON,
// every error with a known appCode, and nothing of the server's insides.
import { APP_CODES } from "../../src/app-codes";

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
}

export async function exchangeOf(response: Response): Promise<Exchange> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Traces of a stack, an exception class, a driver or a file path: none may reach a client. */
const INSIDES =
  /\n\s+at |\bat [\w$.<>]+ \(|\.(ts|js|mjs|cjs):\d+|node_modules|\/src\/|prisma|sqlite|postgres|pg_|ECONN|TypeError|ReferenceError|RangeError|ZodError|Maximum call stack|invocation|undefined is not|Cannot read prop/i;

const KNOWN_CODES = new Set<string>(APP_CODES);

interface ErrorItem {
  message?: unknown;
  data?: { appCode?: unknown; httpStatus?: unknown; code?: unknown };
}

/**
 * Throws (with the request in the message) unless the exchange is well formed; returns its
 * appCodes. An answer to HEAD has no body by definition: only its status is checked.
 */
export function checkExchange(exchange: Exchange, request: string, { head = false } = {}): string[] {
  const fail = (why: string): never => {
    throw new Error(
      `${why}\n  request: ${request.slice(0, 400)}\n  status: ${exchange.status}\n  body: ${exchange.text.slice(0, 600)}`,
    );
  };
  if (exchange.status >= 500) fail("a 5xx answer");
  if (head || (exchange.status === 204 && exchange.text === "")) return [];
  let body: unknown;
  try {
    body = JSON.parse(exchange.text);
  } catch {
    return fail("a body that is not JSON");
  }
  if (!/application\/json/.test(exchange.headers.get("content-type") ?? "")) fail("no JSON content type");
  const items = (Array.isArray(body) ? body : [body]) as Array<{ result?: unknown; error?: ErrorItem }>;
  if (items.length === 0) fail("an empty batch answer");
  const codes: string[] = [];
  for (const item of items) {
    if (item && typeof item === "object" && "result" in item && exchange.status < 300) continue;
    const error = item?.error;
    if (!error || typeof error !== "object") return fail("an error answer without `error`");
    const appCode = error.data?.appCode;
    if (typeof appCode !== "string" || !KNOWN_CODES.has(appCode))
      fail(`an error without a known appCode (${String(appCode)})`);
    if (appCode === "INTERNAL") fail("an INTERNAL error");
    if (typeof error.message !== "string" || error.message === "") fail("an error without a message");
    if (typeof error.data?.httpStatus !== "number") fail("an error without data.httpStatus");
    codes.push(appCode as string);
  }
  if (exchange.status >= 300 && codes.length === 0) fail("a non-2xx answer without an error");
  const withoutEcho = exchange.text
    .replace(/"fieldErrors":\{.*?\}(?=[,}])/g, "") // field names come from the input
    // Random tokens (WebAuthn challenges and user handles, API keys) can spell "pg_" by chance;
    // no driver message or stack is one unbroken base64url word.
    .replace(/"[A-Za-z0-9_-]{16,}"/g, '""');
  if (INSIDES.test(withoutEcho)) fail(`server insides in the body (${INSIDES.exec(withoutEcho)![0]})`);
  return codes;
}

/** Counts outcomes for the run's summary line. */
export class Tally {
  readonly counts = new Map<string, number>();
  total = 0;

  add(status: number, codes: string[]): void {
    this.total += 1;
    const key = codes.length > 0 ? `${status} ${[...new Set(codes)].join("+")}` : String(status);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  summary(): string {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${key}: ${count}`)
      .join(", ");
  }
}
