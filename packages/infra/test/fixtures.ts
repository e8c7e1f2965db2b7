// Real adapters on a real SQLite file, wired the way the composition root wires them.
import {
  BeginTotpEnrolmentInteractor,
  CompleteMfaLogInInteractor,
  ConfirmTotpEnrolmentInteractor,
  CurrentUser,
  MfaEnrolment,
  DisableMfaInteractor,
  ListUsersQuery,
  MfaStatusQuery,
  PasswordConfirmation,
  RegenerateRecoveryCodesInteractor,
  SecondFactorCheck,
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
  AesGcmSecretCipher,
  CompleteMfaHandler,
  CookieMfaChallenges,
  OsloTotpVerifier,
  PrismaRecoveryCodeStore,
  PrismaTotpFactorDataMapper,
  RandomRecoveryCodeGenerator,
  ThrottledPasswordAttempts,
  type LogInResponse,
  type CookieJar,
  type ThrottleBudgets,
} from "../src/index";
import type { DatabaseProvider } from "../src/persistence/database-url";
import { createTestDatabase, TestClock } from "../src/testing";

/** A cookie jar that behaves like a browser: it keeps each cookie it is sent until it is cleared. */
export class BrowserCookieJar implements CookieJar {
  readonly sent: string[] = [];
  private readonly values = new Map<string, string>();

  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }

  set(serializedCookie: string): void {
    this.sent.push(serializedCookie);
    const [pair] = serializedCookie.split(";");
    const [name, value] = pair!.split("=") as [string, string | undefined];
    if (value) this.values.set(name, value);
    else this.values.delete(name);
  }

  /** The session token the browser holds, if any. */
  get token(): string | null {
    return this.get("gatehouse_session");
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
  const pepper = new TextEncoder().encode("test pepper, not a secret");
  const prisma = db.prisma;
  const hasher = new Argon2idPasswordHasher({
    pepper,
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
  const totp = new OsloTotpVerifier();
  const cipher = new AesGcmSecretCipher(pepper);
  const codeGenerator = new RandomRecoveryCodeGenerator();
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
    const factors = new PrismaTotpFactorDataMapper(unitOfWork);
    const recoveryCodes = new PrismaRecoveryCodeStore(unitOfWork, () => clock.now());
    const challenges = new CookieMfaChallenges(prisma, cookies, clock, { secureCookies: false });
    const attempts = new ThrottledPasswordAttempts(throttle, audit);
    const confirmation = new PasswordConfirmation(userService, attempts, audit);
    const mfa = { factors, recoveryCodes, totp, cipher, codeGenerator, clock };
    const secondFactor = new SecondFactorCheck({ ...mfa, attempts, audit });
    const reauthentication = { currentUser, confirmation, factors, secondFactor };
    const logInHandler = new LogInHandler({
      identity,
      users,
      userService,
      hasher,
      session,
      throttle,
      clientIp,
      audit,
      challenges,
      requireMfa: "none",
      admission: hasher.logInAdmission,
    });
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
      /** The log-in as it answers: a session, or `{ mfaRequired: true }` and a challenge. */
      logInHandler,
      /** A log-in of a user without two-factor: always a session. */
      logIn: {
        async execute(request: { username: string; password: string }): Promise<LogInResponse> {
          const answer = await logInHandler.execute(request);
          if ("mfaRequired" in answer) throw new Error("This user has two-factor on: use logInHandler.");
          return answer;
        },
      },
      factors,
      recoveryCodes,
      challenges,
      completeMfa: new CompleteMfaHandler({
        completeMfa: new CompleteMfaLogInInteractor({ identity, users, challenges, factors, secondFactor }),
        session,
        audit,
      }),
      mfaStatus: new MfaStatusQuery({ currentUser, factors, recoveryCodes }),
      beginTotp: new BeginTotpEnrolmentInteractor({ ...mfa, currentUser, confirmation, transactions: unitOfWork }),
      confirmTotp: new ConfirmTotpEnrolmentInteractor({ ...writes, ...mfa, currentUser, accessRevoker: revoker }),
      disableMfa: new DisableMfaInteractor({
        ...writes,
        ...reauthentication,
        accessRevoker: revoker,
        clock,
        enrolment: MfaEnrolment.none(),
      }),
      regenerateRecoveryCodes: new RegenerateRecoveryCodesInteractor({
        ...writes,
        ...mfa,
        ...reauthentication,
        accessRevoker: revoker,
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
    totp,
    cipher,
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
