import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { defaultDataDir, resolveDatabaseUrl, type ThrottleBudgets } from "@gatehouse/infra";
import { MFA_REQUIREMENTS, type MfaRequirement } from "@gatehouse/core";
import { z } from "zod";

/**
 * Hashes run on libuv's thread pool (UV_THREADPOOL_SIZE threads, 4 by default), which file
 * and DNS work share: one hash per core, but never the whole pool, or a log-in flood would
 * queue every file read behind the hashes. More cores than that want UV_THREADPOOL_SIZE
 * raised when the process starts.
 */
export function defaultHasherConcurrency(
  cores = availableParallelism(),
  threadPoolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4,
): number {
  return Math.max(1, Math.min(cores, threadPoolSize - 1));
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

// The schema's one message covers each of its checks (not a number, a fraction, too small, too big).
const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int()
    .min(min)
    .max(max);

const origin = z
  .url({ protocol: /^https?$/, error: "must be an http(s) origin such as https://auth.example.com" })
  .transform((value) => new URL(value).origin);

const environmentSchema = z.object({
  PORT: integer(0, 65_535).default(3000),
  DATABASE_URL: z.string().optional(),
  APP_ORIGIN: origin.optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
  PASSWORD_PEPPER: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  SESSION_IDLE_TTL: integer(60, 31_536_000).default(7 * 24 * 3600),
  SESSION_MAX_TTL: integer(60, 31_536_000).default(30 * 24 * 3600),
  HASHER_MAX_CONCURRENCY: integer(1, 256).default(defaultHasherConcurrency()),
  HASHER_MAX_WAIT_MS: integer(1, 60_000).default(2_000),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value, ctx) => {
      if (value === "false") return 0;
      if (value === "true") return 1;
      if (/^\d{1,2}$/.test(value)) return Number(value);
      // Stryker disable next-line StringLiteral: zod reports a custom issue by its message, whatever its code says
      ctx.addIssue({ code: "custom", message: "must be false, true, or the number of proxies in front (0–99)" });
      return z.NEVER;
    }),
  // Defaults stop online guessing (OWASP ASVS 6.3): 10 tries per account and 100 per IP per 15 minutes.
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: integer(1, 10_000).default(10),
  LOGIN_MAX_ATTEMPTS_PER_IP: integer(1, 100_000).default(100),
  LOGIN_THROTTLE_WINDOW_SECONDS: integer(1, 86_400).default(900),
  SIGNUP_MAX_PER_IP: integer(1, 100_000).default(20),
  SIGNUP_THROTTLE_WINDOW_SECONDS: integer(1, 86_400).default(3_600),
  AUDIT_RETENTION_DAYS: integer(1, 36_500).default(365),
  // The largest request body read; a bigger one is refused with 413 PAYLOAD_TOO_LARGE.
  MAX_BODY_BYTES: integer(1_024, 16_777_216).default(65_536),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", "silent"], { error: "must be one of debug, info, warn, error, silent" })
    .default("info"),
  // Who must have two-factor authentication: nobody, administrators (admins and the super admin), or everyone.
  REQUIRE_MFA: z.enum(MFA_REQUIREMENTS, { error: `must be one of ${MFA_REQUIREMENTS.join(", ")}` }).default("none"),
  // The bearer token GET /metrics asks for; without it, /metrics is not served at all (404).
  METRICS_TOKEN: z
    .string()
    .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it is sent in an HTTP header)")
    .optional(),
  // How long a stopping server (SIGTERM, SIGINT) lets the requests in flight finish.
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
});

export interface Config {
  /** 0: a free port the OS picks when the server listens (see `listeningOn`). */
  port: number;
  databaseUrl: string;
  /** Without APP_ORIGIN, `http://localhost:<port>`, completed by `listeningOn` for port 0. */
  appOrigin: string;
  /** True when APP_ORIGIN was not given, so the origin is derived from the port. */
  originFromPort: boolean;
  /** Origins whose browsers may send mutations: the app's own plus ALLOWED_ORIGINS. */
  allowedOrigins: ReadonlySet<string>;
  pepper: Uint8Array;
  /**
   * Where the pepper came from. One generated just now (no PASSWORD_PEPPER, none kept under
   * `.data/`) is only right for an empty database (see Gatehouse's verifyPepper).
   */
  pepperSource: "PASSWORD_PEPPER" | "kept" | "generated";
  session: { idleTtlSeconds: number; maxTtlSeconds: number; secureCookies: boolean };
  hasher: { maxConcurrency: number; maxWaitMs: number };
  /** How many reverse proxies in front append to X-Forwarded-For (0: none). */
  trustProxy: number;
  throttle: ThrottleBudgets;
  /** Days audit events are kept (read by the audit purge). */
  auditRetentionDays: number;
  /** The largest request body the API reads, in bytes (see http/body-limit.ts). */
  maxBodyBytes: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Who must set up two-factor authentication before doing anything else (REQUIRE_MFA). */
  requireMfa: MfaRequirement;
  /** The bearer token of GET /metrics (METRICS_TOKEN); null: /metrics is not served. */
  metricsToken: string | null;
  /** How long a stopping server waits for the requests in flight (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /** Settings that work but that an operator should know are unsafe: printed once at start. */
  warnings: string[];
}

/** Start-up refuses bad configuration with one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Variables = z.infer<typeof environmentSchema>;

/** Every variable Gatehouse reads (the README's table and turbo.json's pass-through list are checked against it). */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape) as (keyof Variables)[];

/**
 * Reads and checks every variable, then the rules between them, and refuses the whole at once
 * (ConfigError, one line per problem) so that one start shows everything to fix.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const vars: Partial<Variables> = {};
  for (const [name, schema] of Object.entries(environmentSchema.shape)) {
    // Empty variables count as unset, as in most shells' `VAR= command`.
    const result = schema.safeParse(env[name] === "" ? undefined : env[name]);
    if (result.success) Object.assign(vars, { [name]: result.data });
    else problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  // Compared only when both are valid (a missing one never compares as shorter).
  if ((vars.SESSION_MAX_TTL ?? Infinity) < (vars.SESSION_IDLE_TTL ?? 0)) {
    problems.push("SESSION_MAX_TTL: must not be shorter than SESSION_IDLE_TTL");
  }
  // Stryker disable next-line StringLiteral: never read: a refused DATABASE_URL is a problem, and any problem throws below
  let databaseUrl = "";
  try {
    databaseUrl = resolveDatabaseUrl(env.DATABASE_URL);
  } catch (error) {
    problems.push(`DATABASE_URL: ${(error as Error).message}`);
  }
  const appOrigin = vars.APP_ORIGIN ?? (vars.PORT === undefined ? null : `http://localhost:${vars.PORT}`);
  const isLocal = appOrigin !== null && LOOPBACK_HOSTS.has(new URL(appOrigin).hostname);
  // Production is recognised by its origin: NODE_ENV is production even for the
  // no-configuration local start, so it cannot tell a deployment.
  if (!vars.PASSWORD_PEPPER && appOrigin !== null && !isLocal) {
    problems.push(
      `PASSWORD_PEPPER: required when APP_ORIGIN is not on this machine (${appOrigin}); losing it makes every password unusable, so keep it in your secret store`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Stryker disable next-line ConditionalExpression: a valid PORT (no problem) always gives an origin; this is for the type checker
  if (appOrigin === null) throw new ConfigError(problems);
  const v = vars as Variables;
  const secure = appOrigin.startsWith("https:");

  return {
    port: v.PORT,
    databaseUrl,
    appOrigin,
    originFromPort: v.APP_ORIGIN === undefined,
    allowedOrigins: new Set([appOrigin, ...v.ALLOWED_ORIGINS]),
    ...pepperOf(v.PASSWORD_PEPPER),
    session: { idleTtlSeconds: v.SESSION_IDLE_TTL, maxTtlSeconds: v.SESSION_MAX_TTL, secureCookies: secure },
    hasher: { maxConcurrency: v.HASHER_MAX_CONCURRENCY, maxWaitMs: v.HASHER_MAX_WAIT_MS },
    trustProxy: v.TRUST_PROXY,
    throttle: {
      loginAttemptsPerAccount: v.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      loginAttemptsPerIp: v.LOGIN_MAX_ATTEMPTS_PER_IP,
      loginWindowSeconds: v.LOGIN_THROTTLE_WINDOW_SECONDS,
      signUpsPerIp: v.SIGNUP_MAX_PER_IP,
      signUpWindowSeconds: v.SIGNUP_THROTTLE_WINDOW_SECONDS,
    },
    auditRetentionDays: v.AUDIT_RETENTION_DAYS,
    maxBodyBytes: v.MAX_BODY_BYTES,
    logLevel: v.LOG_LEVEL,
    requireMfa: v.REQUIRE_MFA,
    metricsToken: v.METRICS_TOKEN ?? null,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    warnings:
      !secure && !isLocal
        ? [
            `APP_ORIGIN is ${appOrigin}: plain http beyond this machine, so session cookies and passwords cross the network unencrypted. Serve Gatehouse over https (behind a TLS proxy) and set APP_ORIGIN=https://...`,
          ]
        : [],
  };
}

/**
 * The configuration of a server listening on `port`. With PORT=0 it takes the port the OS
 * gave, and without APP_ORIGIN the origin too (and so the origin check). Otherwise unchanged.
 */
export function listeningOn(config: Config, port: number): Config {
  if (config.port !== 0) return config;
  if (!config.originFromPort) return { ...config, port };
  const appOrigin = `http://localhost:${port}`;
  const others = [...config.allowedOrigins].filter((allowed) => allowed !== config.appOrigin);
  return { ...config, port, appOrigin, allowedOrigins: new Set([appOrigin, ...others]) };
}

const developmentPepperFile = () => join(defaultDataDir(), "pepper");

/**
 * PASSWORD_PEPPER, or for local use one generated on first start and kept (mode 0600) in
 * `.data/` (mode 0700).
 */
function pepperOf(given: string | undefined): Pick<Config, "pepper" | "pepperSource"> {
  if (given) return { pepper: new TextEncoder().encode(given), pepperSource: "PASSWORD_PEPPER" };
  const dir = defaultDataDir();
  const file = developmentPepperFile();
  let pepperSource: Config["pepperSource"] = "kept";
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // Stryker disable next-line ConditionalExpression: the exclusive create (wx) refuses an existing file anyway; looking first saves a failed open
  if (!existsSync(file)) {
    // `wx` fails if another process wrote it first; then we read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
      pepperSource = "generated";
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  chmodSync(file, 0o600);
  return { pepper: new TextEncoder().encode(readFileSync(file, "utf8").trim()), pepperSource };
}

/** Forgets a pepper generated just now, which a database with users refused: it must never be kept. */
export function discardGeneratedPepper(config: Config): void {
  if (config.pepperSource === "generated") rmSync(developmentPepperFile(), { force: true });
}
