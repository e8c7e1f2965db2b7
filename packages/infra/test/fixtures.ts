// Real adapters on a real SQLite file, wired the way the composition root wires them.
import {
  CurrentUser,
  ListUsersQuery,
  SetUserPasswordInteractor,
  SignUpInteractor,
  UserService,
  type AuditCriteria,
} from "@gatehouse/core";
import {
  Argon2idPasswordHasher,
  createLucia,
  openDatabase,
  LogInHandler,
  LogOutHandler,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  PrismaAuditLog,
  PrismaSessionReader,
  PrismaUserReader,
  PostgresUserSearch,
  SessionAccountReader,
  SqliteUserSearch,
  RequestSession,
  SessionAccessRevoker,
  SessionIdentityProvider,
  Uuidv7IdGenerator,
  AttemptThrottle,
  CommonPasswordPolicy,
  type CookieJar,
  type ThrottleBudgets,
} from "../src/index";
import type { DatabaseProvider } from "../src/persistence/database-url";
import { createTestDatabase, TestClock } from "../src/testing";

/** A cookie jar that behaves like a browser holding one session cookie. */
export class BrowserCookieJar implements CookieJar {
  readonly sent: string[] = [];
  private value: string | null = null;

  get(name: string): string | null {
    const [cookieName, value] = this.value?.split("=") ?? [];
    return cookieName === name ? (value ?? null) : null;
  }

  set(serializedCookie: string): void {
    this.sent.push(serializedCookie);
    const [pair] = serializedCookie.split(";");
    const [, value] = pair!.split("=");
    this.value = value ? pair! : null;
  }

  get token(): string | null {
    return this.value?.split("=")[1] ?? null;
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const GENEROUS: ThrottleBudgets = {
  loginAttemptsPerAccount: 1000,
  loginAttemptsPerIp: 1000,
  loginWindowSeconds: 900,
  signUpsPerIp: 1000,
  signUpWindowSeconds: 3600,
};

export async function createTestApp(provider: DatabaseProvider = "sqlite", budgets: ThrottleBudgets = GENEROUS) {
  const database = await createTestDatabase(provider);
  const db = openDatabase(database.url);
  const prisma = db.prisma;
  const hasher = new Argon2idPasswordHasher({
    pepper: new TextEncoder().encode("test pepper, not a secret"),
    maxConcurrency: 2,
    maxWaitMs: 30_000,
  });
  const lucia = createLucia(db, { idleTtlSeconds: 3600, maxTtlSeconds: 86_400, secureCookies: false });
  const ids = new Uuidv7IdGenerator();
  // The app's clock: the system's time until a test moves it past a throttle window.
  const clock = new TestClock();
  const userService = new UserService(hasher, ids, clock);
  const throttle = new AttemptThrottle(prisma, budgets, clock);
  const passwordPolicy = new CommonPasswordPolicy();
  // The search strategy chosen by provider, as the composition root chooses it.
  const userReader = new PrismaUserReader(
    prisma,
    provider === "sqlite" ? new SqliteUserSearch(prisma) : new PostgresUserSearch(),
  );

  /** Everything one request needs, for one browser's cookie jar. */
  function request(
    cookies: CookieJar = new BrowserCookieJar(),
    clientIp = "203.0.113.7",
    userAgent = "Integration Test/1.0",
  ) {
    const unitOfWork = new PrismaUnitOfWork(prisma);
    const users = new PrismaUserDataMapper(unitOfWork);
    const session = new RequestSession(lucia, cookies, { ipAddress: clientIp, userAgent });
    const identity = new SessionIdentityProvider(session);
    const currentUser = new CurrentUser(identity, users);
    const revoker = new SessionAccessRevoker(unitOfWork, session);
    const audit = new PrismaAuditLog(unitOfWork, ids, clock, { clientIp, requestId: "test-request" });
    const writes = { users, transactions: unitOfWork, audit };
    return {
      unitOfWork,
      users,
      identity,
      revoker,
      audit,
      sessions: new PrismaSessionReader(prisma, session),
      accountReader: new SessionAccountReader(session, userReader),
      listUsers: new ListUsersQuery(currentUser, userReader),
      setUserPassword: new SetUserPasswordInteractor({
        ...writes,
        currentUser,
        userService,
        passwordPolicy,
        accessRevoker: revoker,
      }),
      signUp: new SignUpInteractor({ ...writes, identity, userService, passwordPolicy }),
      logIn: new LogInHandler({
        identity,
        users,
        userService,
        hasher,
        session,
        throttle,
        clientIp,
        audit,
        admission: hasher.logInAdmission,
      }),
      logOut: new LogOutHandler({ identity, session, audit }),
    };
  }

  return {
    database,
    prisma,
    sessionCheck: db.sessionCheck,
    hasher,
    lucia,
    throttle,
    clock,
    userService,
    userReader,
    request,
    async close() {
      await db.close();
      await database.remove();
    },
  };
}

/** 20 000 users on PostgreSQL, analysed: an empty table would be scanned whatever the indexes. */
export async function fillPostgresUsersForThePlanner(app: TestApp): Promise<void> {
  await app.prisma.$executeRawUnsafe(`
    INSERT INTO users (id, username, username_key, password_hash, role, is_active, created_at, updated_at, version)
    SELECT 'u' || n, 'user' || n, 'user' || n, 'x', 'user', true, now() - n * interval '1 second', now(), 0
    FROM generate_series(1, 20000) AS n`);
  await app.prisma.$executeRawUnsafe("VACUUM ANALYZE users");
}

/** Audit criteria that keep every event (newest first, a page of 100): tests narrow it with spread. */
export const EVERY_AUDIT_EVENT: AuditCriteria = {
  type: null,
  actorId: null,
  targetId: null,
  actorUsernameKey: null,
  targetUsernameKey: null,
  involvedUserId: null,
  from: null,
  to: null,
  after: null,
  limit: 100,
};
