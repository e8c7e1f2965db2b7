import { UserService, type Clock } from "@gatehouse/core";
import {
  AesGcmSecretCipher,
  ApiKeyCaller,
  RandomApiKeyGenerator,
  Argon2idPasswordHasher,
  AttemptThrottle,
  checkPepper,
  CommonPasswordPolicy,
  createLucia,
  openDatabase,
  OsloTotpVerifier,
  purgeExpiredMfaChallenges,
  purgeExpiredPasskeyChallenges,
  SimpleWebAuthnPasskeyVerifier,
  RandomRecoveryCodeGenerator,
  PostgresUserSearch,
  PrismaActivityReader,
  PrismaAuditReader,
  PrismaUserReader,
  SqliteUserSearch,
  SystemClock,
  Uuidv7IdGenerator,
} from "@gatehouse/infra";
import type { Config } from "../config";
import { createLogger, type Logger } from "../logging/logger";
import { Metrics, NoMetrics } from "../metrics/metrics";
import { RequestScope, type RequestFacts } from "./request-scope";

export interface AppContainerOptions {
  /**
   * The app's clock: the throttle's windows, audit event times and users' timestamps read it
   * (sessions keep Lucia's own). The system's clock unless a test passes one it can move
   * forward (TestClock from @gatehouse/infra/testing) instead of waiting for a window to end.
   */
  clock?: Clock;
  /** Records Prometheus metrics (the default); false only for the bench's baseline without them. */
  metrics?: boolean;
}

/**
 * The composition root: the one place that builds adapters and wires them to use cases.
 * App-scoped singletons are built once here; `requestScope` makes what lives for one call
 * (see RequestScope).
 */
export function createAppContainer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  { clock = new SystemClock(), metrics: recordMetrics = true }: AppContainerOptions = {},
) {
  const database = openDatabase(config.databaseUrl);
  const { prisma } = database;
  const hasher = new Argon2idPasswordHasher({ pepper: config.pepper, ...config.hasher });
  // Always recorded (not only with METRICS_TOKEN): a token set later shows counts since start.
  const metrics = recordMetrics ? new Metrics({ hasher, database }) : null;
  const recorder = metrics ?? new NoMetrics();
  const lucia = createLucia(database, config.session);
  const throttle = new AttemptThrottle(prisma, config.throttle, clock, (budget) =>
    recorder.recordThrottleRefusal(budget),
  );
  const ids = new Uuidv7IdGenerator();
  const userService = new UserService(hasher, ids, clock);
  // Each database indexes usernames its own way, so each reads a search its own way.
  const userSearch = database.provider === "sqlite" ? new SqliteUserSearch(prisma) : new PostgresUserSearch();
  const userReader = new PrismaUserReader(prisma, userSearch);
  const auditReader = new PrismaAuditReader(prisma);
  const activityReader = new PrismaActivityReader(prisma, {
    provider: database.provider,
    sessionMaxLifetimeMs: config.session.maxTtlSeconds * 1000,
  });

  // Expired sessions and throttle counters are harmless (never honoured) but would pile up;
  // each instance purges hourly, which is idempotent when several share a database.
  const purgeTimer = setInterval(() => {
    Promise.all([
      lucia.deleteExpiredSessions(),
      throttle.purgeExpired(prisma),
      purgeExpiredMfaChallenges(prisma, clock.now()),
      purgeExpiredPasskeyChallenges(prisma, clock.now()),
    ]).catch((error: unknown) => logger.warn({ err: String(error) }, "could not purge expired sessions and counters"));
  }, 3_600_000);
  purgeTimer.unref();

  const parts = {
    prisma,
    lucia,
    hasher,
    throttle,
    ids,
    clock,
    userService,
    passwordPolicy: new CommonPasswordPolicy(),
    userReader,
    auditReader,
    activityReader,
    auditRetentionDays: config.auditRetentionDays,
    totp: new OsloTotpVerifier(),
    // The TOTP secrets' key is derived from the pepper: a stolen database alone reads none of them.
    cipher: new AesGcmSecretCipher(config.pepper),
    codeGenerator: new RandomRecoveryCodeGenerator(),
    apiKeyGenerator: new RandomApiKeyGenerator(),
    // The relying party is APP_ORIGIN, read at each ceremony: on PORT=0 it is known only once listening.
    passkeyVerifier: new SimpleWebAuthnPasskeyVerifier({ name: "Gatehouse", origin: () => container.config.appOrigin }),
    requireMfa: config.requireMfa,
    secureCookies: config.session.secureCookies,
  };
  const requestScope = (facts: RequestFacts) => new RequestScope(parts, facts);
  /** A request's API key (what followed "Bearer "), checked at most once for all its calls. */
  const apiKeyCaller = (token: string, clientIp: string | null) =>
    new ApiKeyCaller({ token, check: database.sessionCheck, prisma, clock, throttle, clientIp });

  const container = {
    config,
    logger,
    /** What `GET /metrics` serves (null: not recorded); `recorder` is what calls record into. */
    metrics,
    recorder,
    requestScope,
    apiKeyCaller,
    /** Refuses a pepper this database's passwords were not made with (see checkPepper). */
    checkPepper: () => checkPepper(prisma, config.pepper, config.pepperSource === "generated"),
    async dispose() {
      clearInterval(purgeTimer);
      await database.close();
    },
  };
  return container;
}

export type AppContainer = ReturnType<typeof createAppContainer>;
export type { RequestFacts, RequestScope };
export type { Logger };
