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
  GetUserQuery,
  GrantAdminInteractor,
  ListAuditEventsQuery,
  ListUsersQuery,
  MySessionsQuery,
  PasswordConfirmation,
  RevokeAdminInteractor,
  SetUserPasswordInteractor,
  SignUpInteractor,
  UserSessionsQuery,
  type PasswordPolicy,
  type UserService,
} from "@gatehouse/core";
import {
  LogInHandler,
  LogOutHandler,
  pingDatabase,
  PrismaAuditLog,
  PrismaSessionReader,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  RequestSession,
  SessionAccessRevoker,
  SessionAccountReader,
  SessionIdentityProvider,
  SignUpHandler,
  ThrottledPasswordAttempts,
  type Argon2idPasswordHasher,
  type AttemptThrottle,
  type CookieJar,
  type GatehouseLucia,
  type PrismaAuditReader,
  type PrismaClient,
  type PrismaUserReader,
  type Uuidv7UserIdGenerator,
} from "@gatehouse/infra";

/** What the HTTP layer knows about one request. */
export interface RequestFacts {
  cookies: CookieJar;
  /** The validated client address, or null (in process). */
  clientIp: string | null;
  userAgent: string | null;
  requestId: string;
}

/** The app-scoped singletons (see app-container.ts) a scope wires its pieces from. */
export interface AppParts {
  prisma: PrismaClient;
  lucia: GatehouseLucia;
  hasher: Argon2idPasswordHasher;
  throttle: AttemptThrottle;
  ids: Uuidv7UserIdGenerator;
  userService: UserService;
  passwordPolicy: PasswordPolicy;
  userReader: PrismaUserReader;
  auditReader: PrismaAuditReader;
  auditRetentionDays: number;
}

/**
 * What lives for one call: its unit of work, its reading of the session, and the use case
 * it runs. A call uses one use case of the thirty, so every piece is built on first use
 * (the scope itself is one small object: it is made for every call).
 */
export class RequestScope {
  #unitOfWork?: PrismaUnitOfWork;
  #users?: PrismaUserDataMapper;
  #session?: RequestSession;
  #identity?: SessionIdentityProvider;
  #currentUser?: CurrentUser;
  #audit?: PrismaAuditLog;

  constructor(
    private readonly app: AppParts,
    private readonly facts: RequestFacts,
  ) {}

  // The pieces use cases share within the call.

  private get unitOfWork() {
    return (this.#unitOfWork ??= new PrismaUnitOfWork(this.app.prisma));
  }

  private get users() {
    return (this.#users ??= new PrismaUserDataMapper(this.unitOfWork));
  }

  private get session() {
    const { cookies, clientIp, userAgent } = this.facts;
    return (this.#session ??= new RequestSession(this.app.lucia, cookies, { ipAddress: clientIp, userAgent }));
  }

  get identity() {
    return (this.#identity ??= new SessionIdentityProvider(this.session));
  }

  private get currentUser() {
    return (this.#currentUser ??= new CurrentUser(this.identity, this.users));
  }

  private get audit() {
    const { clientIp, requestId } = this.facts;
    return (this.#audit ??= new PrismaAuditLog(this.unitOfWork, this.app.ids, { clientIp, requestId }));
  }

  /** A signed-in caller's password checks, counted against the account's log-in budget. */
  private get passwordConfirmation() {
    return new PasswordConfirmation(this.app.userService, new ThrottledPasswordAttempts(this.app.throttle, this.audit), this.audit);
  }

  private get revoker() {
    return new SessionAccessRevoker(this.unitOfWork, this.session);
  }

  private get sessions() {
    return new PrismaSessionReader(this.app.prisma, this.session);
  }

  private get accountReader() {
    return new SessionAccountReader(this.session, this.app.userReader);
  }

  // health

  checkDatabase() {
    return pingDatabase(this.app.prisma);
  }

  // account

  // Requests that hash a password run under the hasher's admission (see Argon2idPasswordHasher):
  // log-ins under their own, the others under one that leaves log-ins half the hashing slots.

  get signUp() {
    const { identity, users, unitOfWork, audit } = this;
    const { userService, passwordPolicy, throttle, hasher } = this.app;
    const interactor = new SignUpInteractor(identity, userService, passwordPolicy, users, unitOfWork, unitOfWork, audit);
    return hasher.otherAdmission.admit(new SignUpHandler(interactor, throttle, this.facts.clientIp, audit));
  }

  get logIn() {
    const { hasher, throttle, userService } = this.app;
    const { identity, users, session, audit } = this;
    return new LogInHandler(identity, users, userService, hasher, session, throttle, this.facts.clientIp, audit, hasher.logInAdmission);
  }

  get logOut() {
    return new LogOutHandler(this.identity, this.session, this.audit);
  }

  get changePassword() {
    const { unitOfWork } = this;
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new ChangePasswordInteractor(this.currentUser, userService, passwordPolicy, this.passwordConfirmation, this.users, this.revoker, unitOfWork, unitOfWork, this.audit),
    );
  }

  get currentAccount() {
    return new CurrentAccountQuery(this.identity, this.accountReader);
  }

  get mySessions() {
    return new MySessionsQuery(this.currentUser, this.sessions);
  }

  get endMySession() {
    return new EndMySessionInteractor(this.currentUser, this.revoker, this.unitOfWork, this.audit);
  }

  get endMyOtherSessions() {
    return new EndMyOtherSessionsInteractor(this.currentUser, this.revoker, this.unitOfWork, this.audit);
  }

  // users

  get createUser() {
    const { unitOfWork } = this;
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new CreateUserInteractor(this.currentUser, userService, passwordPolicy, this.users, unitOfWork, unitOfWork, this.audit),
    );
  }

  get listUsers() {
    return new ListUsersQuery(this.currentUser, this.app.userReader);
  }

  get getUser() {
    return new GetUserQuery(this.currentUser, this.accountReader);
  }

  get setUserPassword() {
    const { unitOfWork } = this;
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new SetUserPasswordInteractor(this.currentUser, userService, passwordPolicy, this.users, this.revoker, unitOfWork, unitOfWork, this.audit),
    );
  }

  get grantAdmin() {
    const { unitOfWork } = this;
    return new GrantAdminInteractor(this.currentUser, this.app.userService, this.users, unitOfWork, unitOfWork, this.audit);
  }

  get revokeAdmin() {
    const { unitOfWork } = this;
    return new RevokeAdminInteractor(this.currentUser, this.app.userService, this.users, unitOfWork, unitOfWork, this.audit);
  }

  get activateUser() {
    const { unitOfWork } = this;
    return new ActivateUserInteractor(this.currentUser, this.app.userService, this.users, unitOfWork, unitOfWork, this.audit);
  }

  get deactivateUser() {
    const { unitOfWork } = this;
    return new DeactivateUserInteractor(this.currentUser, this.app.userService, this.users, this.revoker, unitOfWork, unitOfWork, this.audit);
  }

  get userSessions() {
    return new UserSessionsQuery(this.currentUser, this.users, this.sessions);
  }

  get endUserSessions() {
    return new EndUserSessionsInteractor(this.currentUser, this.users, this.revoker, this.unitOfWork, this.audit);
  }

  get listAuditEvents() {
    return new ListAuditEventsQuery(this.currentUser, this.app.auditReader);
  }

  // operator-only, reachable in process and never over HTTP (see routers/system.router.ts)

  async purgeAudit() {
    const cutoff = new Date(Date.now() - this.app.auditRetentionDays * 86_400_000);
    return { deleted: await this.app.auditReader.purgeOlderThan(cutoff), before: cutoff };
  }

  get bootstrapSuperAdmin() {
    const { unitOfWork } = this;
    const { userService, passwordPolicy, userReader } = this.app;
    return new BootstrapSuperAdminInteractor(userService, passwordPolicy, this.users, userReader, unitOfWork, unitOfWork, this.audit);
  }
}
