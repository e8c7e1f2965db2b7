import { initTRPC, TRPCError } from "@trpc/server";
import type { AppErrorData } from "../app-codes";
import type { Context } from "./context";
import { lookUpError, OriginRejectedError } from "./errors";

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
  const fieldErrors: Record<string, string[]> = Object.create(null);
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

const t = initTRPC.context<Context>().create({
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
        (error.code === "PARSE_ERROR" ? { input: ["The request body is not valid JSON."] } : { input: [error.message] });
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

/** Gives every error of ours its tRPC code (and so its HTTP status) from the one error map. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const mapped = lookUpError(cause);
    if (mapped && result.error.code !== mapped.code) {
      throw new TRPCError({ code: mapped.code, message: cause!.message, cause });
    }
  }
  return result;
});

/**
 * Cross-site request forgery guard: a browser always says where a mutation comes from
 * (`Origin`, else `Sec-Fetch-Site`); only our own origin and configured ones may mutate.
 * Clients that are not browsers send neither and carry no ambient cookies to abuse.
 */
const checkOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation") {
    const allowed = ctx.origin
      ? ctx.allowedOrigins.has(ctx.origin)
      : ctx.fetchSite === null || ctx.fetchSite === "same-origin" || ctx.fetchSite === "none";
    if (!allowed) throw new OriginRejectedError();
  }
  return next();
});

/**
 * One log line per mutation (and a debug line per query): who did what to whom and how it
 * ended. Only ids, the procedure and the outcome code: never inputs, tokens or cookies.
 */
const logCall = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const started = performance.now();
  const result = await next();
  const rawInput = await getRawInput().catch(() => undefined);
  const targetId = (rawInput as { userId?: unknown } | null | undefined)?.userId;
  const actorId =
    type === "mutation" ? await ctx.scope.identity.currentUserId().catch(() => null) : undefined;
  const outcome = result.ok ? "ok" : (lookUpError(result.error.cause)?.appCode ?? result.error.code);
  const fields = {
    procedure: path,
    outcome,
    ...(actorId !== undefined && { actorId }),
    ...(typeof targetId === "string" && { targetId }),
    durationMs: Math.round(performance.now() - started),
  };
  if (type === "mutation") ctx.logger.info(fields, `${path} ${outcome}`);
  else ctx.logger.debug(fields, `${path} ${outcome}`);
  return result;
});

/**
 * Reads the request body before anything else runs, so a body over MAX_BODY_BYTES is refused
 * (413) even by procedures that take no input. Other read failures (an empty or malformed
 * body) stay with the input parser: procedures without input ignore their body as before.
 */
const readBodyFirst = t.middleware(async ({ getRawInput, next }) => {
  await getRawInput().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "PAYLOAD_TOO_LARGE") throw error;
  });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure: logged, errors mapped, mutations origin-checked. Who may call is decided by the use case. */
export const publicProcedure = t.procedure.use(logCall).use(readBodyFirst).use(mapErrors).use(checkOrigin);
