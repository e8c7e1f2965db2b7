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
  createPrismaClient,
  databaseProvider,
  LogInHandler,
  LogOutHandler,
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
  clientIp: string;
  userAgent: string | null;
  requestId: string;
}

/**
 * The composition root: the one place that builds adapters and wires them to use cases.
 * App-scoped singletons are built once here; `requestScope` builds what lives for one
 * request (its unit of work, its session, its interactors).
 */
export function createAppContainer(config: Config, logger: Logger = createLogger(config.logLevel)) {
  const prisma = createPrismaClient(config.databaseUrl);
  const hasher = new Argon2idPasswordHasher({ pepper: config.pepper, ...config.hasher });
  const lucia = createLucia(prisma, config.session);
  const throttle = new AttemptThrottle(prisma, config.throttle);
  const ids = new Uuidv7UserIdGenerator();
  const userService = new UserService(hasher, ids, new SystemClock());
  const userReader = new PrismaUserReader(prisma, databaseProvider(config.databaseUrl));
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
    const unitOfWork = new PrismaUnitOfWork(prisma);
    const users = new PrismaUserDataMapper(unitOfWork);
    const session = new RequestSession(lucia, cookies, { ipAddress: clientIp, userAgent });
    const sessions = new PrismaSessionReader(prisma, session);
    const identity = new SessionIdentityProvider(session);
    const accountReader = new SessionAccountReader(session, userReader);
    const currentUser = new CurrentUser(identity, users);
    const revoker = new SessionAccessRevoker(unitOfWork, session);
    const audit = new PrismaAuditLog(unitOfWork, ids, { clientIp, requestId });
    return {
      identity,
      checkDatabase: () => pingDatabase(prisma),
      // account
      signUp: new SignUpHandler(
        new SignUpInteractor(identity, userService, users, unitOfWork, unitOfWork, audit),
        throttle,
        clientIp,
        audit,
      ),
      logIn: new LogInHandler(identity, users, userService, hasher, session, throttle, clientIp, audit, hasher.admission),
      logOut: new LogOutHandler(identity, session, audit),
      changePassword: new ChangePasswordInteractor(currentUser, userService, users, revoker, unitOfWork, unitOfWork, audit),
      currentAccount: new CurrentAccountQuery(identity, accountReader),
      mySessions: new MySessionsQuery(currentUser, sessions),
      endMySession: new EndMySessionInteractor(currentUser, revoker, unitOfWork, audit),
      endMyOtherSessions: new EndMyOtherSessionsInteractor(currentUser, revoker, unitOfWork, audit),
      // users
      createUser: new CreateUserInteractor(currentUser, userService, users, unitOfWork, unitOfWork, audit),
      listUsers: new ListUsersQuery(currentUser, userReader),
      getUser: new GetUserQuery(currentUser, accountReader),
      setUserPassword: new SetUserPasswordInteractor(currentUser, userService, users, revoker, unitOfWork, unitOfWork, audit),
      grantAdmin: new GrantAdminInteractor(currentUser, userService, users, unitOfWork, unitOfWork, audit),
      revokeAdmin: new RevokeAdminInteractor(currentUser, userService, users, unitOfWork, unitOfWork, audit),
      activateUser: new ActivateUserInteractor(currentUser, userService, users, unitOfWork, unitOfWork, audit),
      deactivateUser: new DeactivateUserInteractor(currentUser, userService, users, revoker, unitOfWork, unitOfWork, audit),
      userSessions: new UserSessionsQuery(currentUser, users, sessions),
      listAuditEvents: new ListAuditEventsQuery(currentUser, auditReader),
      purgeAudit: async () => {
        const cutoff = new Date(Date.now() - config.auditRetentionDays * 86_400_000);
        return { deleted: await auditReader.purgeOlderThan(cutoff), before: cutoff };
      },
      endUserSessions: new EndUserSessionsInteractor(currentUser, users, revoker, unitOfWork, audit),
      // operator-only, reachable in process and never over HTTP (see routers/system.router.ts)
      bootstrapSuperAdmin: new BootstrapSuperAdminInteractor(userService, users, userReader, unitOfWork, unitOfWork, audit),
    };
  }

  return {
    config,
    logger,
    requestScope,
    async dispose() {
      clearInterval(purgeTimer);
      await prisma.$disconnect();
    },
  };
}

export type AppContainer = ReturnType<typeof createAppContainer>;
export type RequestScope = ReturnType<AppContainer["requestScope"]>;
export type { Logger };
