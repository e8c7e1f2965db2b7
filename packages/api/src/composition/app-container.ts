import { CurrentAccountQuery, SignUpInteractor, UserService } from "@gatehouse/core";
import {
  Argon2idPasswordHasher,
  createLucia,
  createPrismaClient,
  LogInHandler,
  LogOutHandler,
  pingDatabase,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PrismaUserReader,
  RequestSession,
  SessionIdentityProvider,
  SystemClock,
  Uuidv7UserIdGenerator,
  type CookieJar,
} from "@gatehouse/infra";
import type { Config } from "../config";
import { createLogger, type Logger } from "../logging/logger";

/**
 * The composition root: the one place that builds adapters and wires them to use cases.
 * App-scoped singletons are built once here; `requestScope` builds what lives for one
 * request (its unit of work, its session, its interactors).
 */
export function createAppContainer(config: Config) {
  const logger = createLogger(config.logLevel);
  const prisma = createPrismaClient(config.databaseUrl);
  const hasher = new Argon2idPasswordHasher({ pepper: config.pepper, ...config.hasher });
  const lucia = createLucia(prisma, config.session);
  const userService = new UserService(hasher, new Uuidv7UserIdGenerator(), new SystemClock());
  const userReader = new PrismaUserReader(prisma);

  // Expired sessions are harmless (validation refuses them) but would pile up; each
  // instance purges hourly, which is idempotent when several instances share a database.
  const purgeTimer = setInterval(() => {
    lucia.deleteExpiredSessions().catch((error: unknown) =>
      logger.warn("could not purge expired sessions", { error: String(error) }),
    );
  }, 3_600_000);
  purgeTimer.unref();

  function requestScope(cookies: CookieJar) {
    const unitOfWork = new PrismaUnitOfWork(prisma);
    const users = new PrismaUserDataMapper(unitOfWork);
    const session = new RequestSession(lucia, cookies);
    const identity = new SessionIdentityProvider(session);
    return {
      signUp: new SignUpInteractor(identity, userService, users, unitOfWork, unitOfWork),
      logIn: new LogInHandler(identity, users, userService, hasher, session),
      logOut: new LogOutHandler(identity, session),
      currentAccount: new CurrentAccountQuery(identity, userReader),
      checkDatabase: () => pingDatabase(prisma),
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
