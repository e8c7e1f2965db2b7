import {
  ActivateUserInteractor,
  BootstrapSuperAdminInteractor,
  ChangePasswordInteractor,
  CreateUserInteractor,
  CurrentAccountQuery,
  CurrentUser,
  DeactivateUserInteractor,
  EndMyOtherSessionsInteractor,
  EndMySessionInteractor,
  EndUserSessionsInteractor,
  MySessionsQuery,
  UserSessionsQuery,
  GetUserQuery,
  ListAuditEventsQuery,
  GrantAdminInteractor,
  ListUsersQuery,
  RevokeAdminInteractor,
  SetUserPasswordInteractor,
  SignUpInteractor,
  UserService,
} from "@gatehouse/core";
import {
  Argon2idPasswordHasher,
  AttemptThrottle,
  createLucia,
  LogInHandler,
  LogOutHandler,
  openDatabase,
  pingDatabase,
  PrismaAuditLog,
  PrismaAuditReader,
  PrismaSessionReader,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PrismaUserReader,
  RequestSession,
  SessionAccessRevoker,
  SessionAccountReader,
  SessionIdentityProvider,
  SignUpHandler,
  SystemClock,
  Uuidv7UserIdGenerator,
  type CookieJar,
} from "@gatehouse/infra";
import type { Config } from "../config";
import { createLogger, type Logger } from "../logging/logger";

/** What the HTTP layer knows about one request. */
export interface RequestFacts {
  cookies: CookieJar;
  /** The validated client address, or null (in process). */
  clientIp: string | null;
  userAgent: string | null;
  requestId: string;
}

/** A value built on first use, then kept. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * The composition root: the one place that builds adapters and wires them to use cases.
 * App-scoped singletons are built once here; `requestScope` builds what lives for one
 * call (its unit of work, its session, its interactors), each piece on first use: a call
 * uses one use case of the thirty.
 */
export function createAppContainer(config: Config, logger: Logger = createLogger(config.logLevel)) {
  const database = openDatabase(config.databaseUrl);
  const { prisma } = database;
  const hasher = new Argon2idPasswordHasher({ pepper: config.pepper, ...config.hasher });
  const lucia = createLucia(database, config.session);
  const throttle = new AttemptThrottle(prisma, config.throttle);
  const ids = new Uuidv7UserIdGenerator();
  const userService = new UserService(hasher, ids, new SystemClock());
  const userReader = new PrismaUserReader(prisma, database.provider);
  const auditReader = new PrismaAuditReader(prisma);

  // Expired sessions and throttle counters are harmless (never honoured) but would pile up;
  // each instance purges hourly, which is idempotent when several share a database.
  const purgeTimer = setInterval(() => {
    Promise.all([lucia.deleteExpiredSessions(), throttle.purgeExpired(prisma)]).catch((error: unknown) =>
      logger.warn({ err: String(error) }, "could not purge expired sessions and counters"),
    );
  }, 3_600_000);
  purgeTimer.unref();

  function requestScope({ cookies, clientIp, userAgent, requestId }: RequestFacts) {
    const unitOfWork = once(() => new PrismaUnitOfWork(prisma));
    const users = once(() => new PrismaUserDataMapper(unitOfWork()));
    const session = once(() => new RequestSession(lucia, cookies, { ipAddress: clientIp, userAgent }));
    const sessions = once(() => new PrismaSessionReader(prisma, session()));
    const identity = once(() => new SessionIdentityProvider(session()));
    const accountReader = once(() => new SessionAccountReader(session(), userReader));
    const currentUser = once(() => new CurrentUser(identity(), users()));
    const revoker = once(() => new SessionAccessRevoker(unitOfWork(), session()));
    const audit = once(() => new PrismaAuditLog(unitOfWork(), ids, { clientIp, requestId }));
    return {
      get identity() {
        return identity();
      },
      checkDatabase: () => pingDatabase(prisma),
      // account
      get signUp() {
        const interactor = new SignUpInteractor(identity(), userService, users(), unitOfWork(), unitOfWork(), audit());
        return new SignUpHandler(interactor, throttle, clientIp, audit());
      },
      get logIn() {
        return new LogInHandler(identity(), users(), userService, hasher, session(), throttle, clientIp, audit(), hasher.admission);
      },
      get logOut() {
        return new LogOutHandler(identity(), session(), audit());
      },
      get changePassword() {
        return new ChangePasswordInteractor(currentUser(), userService, users(), revoker(), unitOfWork(), unitOfWork(), audit());
      },
      get currentAccount() {
        return new CurrentAccountQuery(identity(), accountReader());
      },
      get mySessions() {
        return new MySessionsQuery(currentUser(), sessions());
      },
      get endMySession() {
        return new EndMySessionInteractor(currentUser(), revoker(), unitOfWork(), audit());
      },
      get endMyOtherSessions() {
        return new EndMyOtherSessionsInteractor(currentUser(), revoker(), unitOfWork(), audit());
      },
      // users
      get createUser() {
        return new CreateUserInteractor(currentUser(), userService, users(), unitOfWork(), unitOfWork(), audit());
      },
      get listUsers() {
        return new ListUsersQuery(currentUser(), userReader);
      },
      get getUser() {
        return new GetUserQuery(currentUser(), accountReader());
      },
      get setUserPassword() {
        return new SetUserPasswordInteractor(currentUser(), userService, users(), revoker(), unitOfWork(), unitOfWork(), audit());
      },
      get grantAdmin() {
        return new GrantAdminInteractor(currentUser(), userService, users(), unitOfWork(), unitOfWork(), audit());
      },
      get revokeAdmin() {
        return new RevokeAdminInteractor(currentUser(), userService, users(), unitOfWork(), unitOfWork(), audit());
      },
      get activateUser() {
        return new ActivateUserInteractor(currentUser(), userService, users(), unitOfWork(), unitOfWork(), audit());
      },
      get deactivateUser() {
        return new DeactivateUserInteractor(currentUser(), userService, users(), revoker(), unitOfWork(), unitOfWork(), audit());
      },
      get userSessions() {
        return new UserSessionsQuery(currentUser(), users(), sessions());
      },
      get endUserSessions() {
        return new EndUserSessionsInteractor(currentUser(), users(), revoker(), unitOfWork(), audit());
      },
      get listAuditEvents() {
        return new ListAuditEventsQuery(currentUser(), auditReader);
      },
      purgeAudit: async () => {
        const cutoff = new Date(Date.now() - config.auditRetentionDays * 86_400_000);
        return { deleted: await auditReader.purgeOlderThan(cutoff), before: cutoff };
      },
      // operator-only, reachable in process and never over HTTP (see routers/system.router.ts)
      get bootstrapSuperAdmin() {
        return new BootstrapSuperAdminInteractor(userService, users(), userReader, unitOfWork(), unitOfWork(), audit());
      },
    };
  }

  return {
    config,
    logger,
    requestScope,
    async dispose() {
      clearInterval(purgeTimer);
      await database.close();
    },
  };
}

export type AppContainer = ReturnType<typeof createAppContainer>;
export type RequestScope = ReturnType<AppContainer["requestScope"]>;
export type { Logger };
