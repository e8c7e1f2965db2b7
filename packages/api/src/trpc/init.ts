import { authorizeApiKeyCall } from "@gatehouse/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { OriginRejectedError } from "../api-errors";
import type { AppErrorData } from "../app-codes";
import type { Context } from "./context";
import { lookUpError } from "./errors";

interface SchemaIssue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
  code?: string;
  keys?: string[];
}

/** Zod's (or any Standard Schema's) issues as `{ field: [messages] }`; "input" for the whole. */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  const issues = (cause as { issues?: SchemaIssue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  // Field names come from the input (unknown keys): `__proto__` or `constructor` must be plain keys here.
  const fieldErrors = Object.create(null) as Record<string, string[]>;
  const add = (field: string, message: string) => {
    if (!Object.hasOwn(fieldErrors, field)) fieldErrors[field] = [];
    fieldErrors[field]!.push(message);
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) add(key, "Unknown field.");
      continue;
    }
    const path = (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part));
    add(path.length > 0 ? path.join(".") : "input", issue.message);
  }
  return fieldErrors;
}

function describeFieldErrors(fieldErrors: Record<string, string[]>): string {
  return Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
    .join("; ");
}

/** What a procedure declares about itself. */
export interface ProcedureMeta {
  /** It manages credentials (API keys, two-factor): a person's session only, never an API key. */
  managesCredentials?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Stack traces only ever go to the log, in every mode.
    isDev: false,
    errorFormatter({ shape, error, ctx }): { code: number; message: string; data: AppErrorData } {
      const requestId = ctx?.requestId;
      const base = { httpStatus: shape.data.httpStatus, requestId };
      const mapped = lookUpError(error.cause);
      if (mapped) {
        const { fieldErrors, retryAfterSeconds } = error.cause as {
          fieldErrors?: Record<string, string[]>;
          retryAfterSeconds?: number;
        };
        return {
          code: shape.code,
          message: error.message,
          data: {
            ...base,
            code: mapped.code,
            appCode: mapped.appCode,
            ...(fieldErrors && { fieldErrors }),
            ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
          },
        };
      }
      if (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") {
        const fieldErrors =
          fieldErrorsOf(error.cause) ??
          (error.code === "PARSE_ERROR"
            ? { input: ["The request body is not valid JSON."] }
            : { input: [error.message] });
        return {
          code: shape.code,
          message: `Invalid input: ${describeFieldErrors(fieldErrors)}`,
          data: { ...base, code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", fieldErrors },
        };
      }
      if (error.code === "UNSUPPORTED_MEDIA_TYPE") {
        const fieldErrors = { input: ["Send the request body as JSON (Content-Type: application/json)."] };
        return {
          code: shape.code,
          message: `Invalid input: ${describeFieldErrors(fieldErrors)}`,
          data: { ...base, code: error.code, appCode: "VALIDATION_FAILED", fieldErrors },
        };
      }
      if (error.code === "NOT_FOUND" || error.code === "METHOD_NOT_SUPPORTED") {
        return { code: shape.code, message: error.message, data: { ...base, code: error.code, appCode: "NOT_FOUND" } };
      }
      return {
        code: shape.code,
        message: `Something went wrong on our side. Reference: ${requestId ?? "none"}.`,
        data: { ...base, code: "INTERNAL_SERVER_ERROR", appCode: "INTERNAL" },
      };
    },
  });

/**
 * Cross-site request forgery guard: a browser always says where a mutation comes from
 * (`Origin`, else `Sec-Fetch-Site`); only our own origin and configured ones may mutate.
 * Clients that are not browsers send neither and carry no ambient cookies to abuse.
 */
function checkOrigin(ctx: Context): void {
  const allowed = ctx.origin
    ? ctx.allowedOrigins.has(ctx.origin)
    : ctx.fetchSite === null || ctx.fetchSite === "same-origin" || ctx.fetchSite === "none";
  if (!allowed) throw new OriginRejectedError();
}

/**
 * Reads the request body before anything else runs, so a body over MAX_BODY_BYTES is refused
 * (413) even by procedures that take no input. Other read failures (an empty or malformed
 * body) stay with the input parser: procedures without input ignore their body as before.
 */
async function readBodyFirst(getRawInput: () => Promise<unknown>): Promise<void> {
  await getRawInput().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "PAYLOAD_TOO_LARGE") throw error;
  });
}

/** An error of ours as a tRPC error with its code (and so its HTTP status) from the one error map. */
function withMappedCode(error: unknown): unknown {
  const mapped = lookUpError(error instanceof TRPCError ? error.cause : error);
  if (!mapped) return error;
  if (error instanceof TRPCError) {
    return error.code === mapped.code
      ? error
      : new TRPCError({ code: mapped.code, message: error.cause!.message, cause: error.cause });
  }
  return new TRPCError({ code: mapped.code, message: (error as Error).message, cause: error });
}

const outcomeOf = (error: unknown) =>
  lookUpError(error instanceof TRPCError ? error.cause : error)?.appCode ??
  (error instanceof TRPCError ? error.code : "INTERNAL");

/**
 * What every call goes through, in one middleware (each tRPC middleware copies the call's
 * options several times over: as five, they cost a tenth of a read's CPU):
 * 1. its body is read first (see readBodyFirst);
 * 2. a mutation must come from an allowed origin (see checkOrigin), unless it comes with an
 *    API key, whose scope must allow the call instead (core's authorizeApiKeyCall);
 * 3. it gets a scope of its own (its own unit of work, its own reading of the session), so
 *    one call of a batch can neither commit nor undo another's work;
 * 4. errors of ours get their tRPC code from the one error map;
 * 5. one log line per mutation (a debug line per query): who did what to whom and how it
 *    ended, with only ids, the procedure and the outcome code, never input values, tokens or
 *    cookies;
 * 6. its procedure, outcome and duration are counted in the metrics (see metrics/metrics.ts).
 */
const everyCall = t.middleware(async ({ ctx, type, path, meta, getRawInput, next }) => {
  const started = performance.now();
  const scope = ctx.openScope();
  let outcome = "ok";
  let answer: unknown;
  try {
    await readBodyFirst(getRawInput);
    if (ctx.viaApiKey) {
      // A key is no ambient credential (a page cannot make a browser send it), so there is
      // no forgery to guard against; its scope decides instead.
      authorizeApiKeyCall(await scope.apiKeyScope(), {
        kind: type === "query" ? "query" : "mutation",
        managesCredentials: meta?.managesCredentials === true,
      });
    } else if (type === "mutation") checkOrigin(ctx);
    const result = await next({ ctx: { scope } });
    if (!result.ok) {
      outcome = outcomeOf(result.error);
      const mapped = withMappedCode(result.error);
      if (mapped !== result.error) throw mapped;
    } else answer = result.data;
    return result;
  } catch (error) {
    outcome = outcomeOf(error);
    throw withMappedCode(error);
  } finally {
    const durationMs = performance.now() - started;
    ctx.metrics.recordCall(path, outcome, durationMs / 1000, answer);
    if (type === "mutation" || ctx.logger.isLevelEnabled("debug")) {
      const actorId = await scope.identity.currentUserId().catch(() => null);
      // Of the input, only a valid target id, and only for a signed-in caller: an anonymous
      // caller's input (a username tried, a mistyped password in the wrong field) is never logged.
      const rawInput =
        actorId && outcome !== "VALIDATION_FAILED" ? await getRawInput().catch(() => undefined) : undefined;
      const targetId = (rawInput as { userId?: unknown } | null | undefined)?.userId;
      const fields = {
        requestId: ctx.requestId,
        procedure: path,
        outcome,
        actorId,
        ...(typeof targetId === "string" && { targetId }),
        durationMs: Math.round(durationMs),
      };
      if (type === "mutation") ctx.logger.info(fields, `${path} ${outcome}`);
      else ctx.logger.debug(fields, `${path} ${outcome}`);
    }
  }
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure goes through `everyCall`. Who may call is decided by the use case. */
export const publicProcedure = t.procedure.use(everyCall);
/** Procedures that manage credentials (API keys, two-factor): refused to API keys (API_KEY_SCOPE). */
export const credentialProcedure = publicProcedure.meta({ managesCredentials: true });
