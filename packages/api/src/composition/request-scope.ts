import {
  ActivateUserInteractor,
  CreateApiKeyInteractor,
  MyApiKeysQuery,
  RevokeMyApiKeyInteractor,
  RevokeUserApiKeysInteractor,
  UserApiKeysQuery,
  BeginTotpEnrolmentInteractor,
  BeginPasskeyLogInInteractor,
  BeginPasskeyRegistrationInteractor,
  FinishPasskeyLogInInteractor,
  FinishPasskeyRegistrationInteractor,
  MfaEnrolment,
  MyPasskeysQuery,
  RemovePasskeyInteractor,
  RemoveUserPasskeysInteractor,
  RenamePasskeyInteractor,
  UserPasskeysQuery,
  BootstrapSuperAdminInteractor,
  CompleteMfaLogInInteractor,
  ConfirmTotpEnrolmentInteractor,
  DisableMfaInteractor,
  MfaStatusQuery,
  RegenerateRecoveryCodesInteractor,
  ResetUserMfaInteractor,
  SecondFactorCheck,
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
  ActivityOverviewQuery,
  ListUsersQuery,
  MySessionsQuery,
  PasswordConfirmation,
  PurgeAuditEventsInteractor,
  RevokeAdminInteractor,
  SetUserPasswordInteractor,
  SignUpInteractor,
  UserSessionsQuery,
  type ApiKeyGenerator,
  type Clock,
  type IdGenerator,
  type MfaRequirement,
  type PasskeyVerifier,
  type PasswordPolicy,
  type RecoveryCodeGenerator,
  type SecretCipher,
  type TotpVerifier,
  type UserService,
} from "@gatehouse/core";
import {
  PrismaApiKeyStore,
  CompleteMfaHandler,
  CookieMfaChallenges,
  CookiePasskeyChallenges,
  PasskeyLogInHandler,
  PrismaFactorInventory,
  PrismaPasskeyStore,
  LogInHandler,
  PrismaRecoveryCodeStore,
  PrismaTotpFactorDataMapper,
  LogOutHandler,
  pingDatabase,
  PrismaAuditLog,
  PrismaAuditPurger,
  PrismaSessionReader,
  PrismaUnitOfWork,
  PrismaUserDataMapper,
  RequestSession,
  SessionAccessRevoker,
  SessionAccountReader,
  SessionIdentityProvider,
  SignUpHandler,
  ThrottledPasswordAttempts,
  type ApiKeyCaller,
  type Argon2idPasswordHasher,
  type AttemptThrottle,
  type CookieJar,
  type GatehouseLucia,
  type PrismaActivityReader,
  type PrismaAuditReader,
  type PrismaClient,
  type PrismaUserReader,
} from "@gatehouse/infra";

/** What the HTTP layer knows about one request. */
export interface RequestFacts {
  cookies: CookieJar;
  /** The validated client address, or null (in process). */
  clientIp: string | null;
  userAgent: string | null;
  requestId: string;
  /** The request's API key, when it came with `Authorization` (then it, not a cookie, is the caller). */
  apiKey: ApiKeyCaller | null;
}

/** The app-scoped singletons (see app-container.ts) a scope wires its pieces from. */
export interface AppParts {
  prisma: PrismaClient;
  lucia: GatehouseLucia;
  hasher: Argon2idPasswordHasher;
  throttle: AttemptThrottle;
  ids: IdGenerator;
  clock: Clock;
  userService: UserService;
  passwordPolicy: PasswordPolicy;
  userReader: PrismaUserReader;
  auditReader: PrismaAuditReader;
  activityReader: PrismaActivityReader;
  auditRetentionDays: number;
  totp: TotpVerifier;
  cipher: SecretCipher;
  codeGenerator: RecoveryCodeGenerator;
  apiKeyGenerator: ApiKeyGenerator;
  passkeyVerifier: PasskeyVerifier;
  /** Who must set up two-factor before anything else (REQUIRE_MFA). */
  requireMfa: MfaRequirement;
  /** Whether cookies are `Secure` with the `__Host-` prefix (an https origin). */
  secureCookies: boolean;
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
  #factors?: PrismaTotpFactorDataMapper;

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

  /** What the request is authenticated by: its API key if it came with one, else its session cookie. */
  private get credential() {
    return this.facts.apiKey ?? this.session;
  }

  get identity() {
    return (this.#identity ??= new SessionIdentityProvider(this.credential));
  }

  /** The scope of the request's API key; NOT_AUTHENTICATED when it is not a live key. */
  apiKeyScope() {
    if (!this.facts.apiKey) throw new Error("This request came without an API key.");
    return this.facts.apiKey.scope();
  }

  private get currentUser() {
    return (this.#currentUser ??= new CurrentUser(this.identity, this.users, this.mfaEnrolment));
  }

  /** REQUIRE_MFA over the user's factors (an authenticator app or a passkey). */
  private get mfaEnrolment() {
    return new MfaEnrolment(this.app.requireMfa, new PrismaFactorInventory(this.unitOfWork));
  }

  private get factors() {
    return (this.#factors ??= new PrismaTotpFactorDataMapper(this.unitOfWork));
  }

  /** The second factor's pieces: the factor, recovery codes, and the crypto behind them. */
  private get secondFactorDeps() {
    const { totp, cipher, codeGenerator, clock } = this.app;
    const recoveryCodes = new PrismaRecoveryCodeStore(this.unitOfWork, () => clock.now());
    return { factors: this.factors, recoveryCodes, totp, cipher, codeGenerator, clock };
  }

  /** Codes checked against the account's log-in budget, like passwords. */
  private get secondFactor() {
    const attempts = new ThrottledPasswordAttempts(this.app.throttle, this.audit);
    return new SecondFactorCheck({ ...this.secondFactorDeps, attempts, audit: this.audit });
  }

  private get mfaChallenges() {
    const { prisma, clock, secureCookies } = this.app;
    return new CookieMfaChallenges(prisma, this.facts.cookies, clock, { secureCookies });
  }

  /** What turning two-factor off or renewing codes is re-confirmed with: password and a current code. */
  private get factorReauthentication() {
    const { currentUser, passwordConfirmation: confirmation, factors, secondFactor } = this;
    return { currentUser, confirmation, factors, secondFactor };
  }

  private get audit() {
    const { clientIp, requestId } = this.facts;
    return (this.#audit ??= new PrismaAuditLog(this.unitOfWork, this.app.ids, this.app.clock, { clientIp, requestId }));
  }

  /** What commands read and write users through: the call's unit of work and its audit log. */
  private get writes() {
    return { users: this.users, transactions: this.unitOfWork, audit: this.audit };
  }

  /** A signed-in caller's password checks, counted against the account's log-in budget. */
  private get passwordConfirmation() {
    return new PasswordConfirmation(
      this.app.userService,
      new ThrottledPasswordAttempts(this.app.throttle, this.audit),
      this.audit,
    );
  }

  private get revoker() {
    return new SessionAccessRevoker(this.unitOfWork, this.session);
  }

  private get sessions() {
    return new PrismaSessionReader(this.app.prisma, this.session);
  }

  private get accountReader() {
    return new SessionAccountReader(this.credential, this.app.userReader);
  }

  // health

  checkDatabase() {
    return pingDatabase(this.app.prisma);
  }

  // account

  // Requests that hash a password run under the hasher's admission (see Argon2idPasswordHasher):
  // log-ins under their own, the others under one that leaves log-ins half the hashing slots.

  get signUp() {
    const { userService, passwordPolicy, throttle, hasher } = this.app;
    const signUp = new SignUpInteractor({ ...this.writes, identity: this.identity, userService, passwordPolicy });
    return hasher.otherAdmission.admit(
      new SignUpHandler({ signUp, throttle, clientIp: this.facts.clientIp, audit: this.audit }),
    );
  }

  get logIn() {
    const { hasher, throttle, userService } = this.app;
    const { identity, users, session, audit } = this;
    const { clientIp } = this.facts;
    return new LogInHandler({
      identity,
      users,
      userService,
      hasher,
      session,
      throttle,
      clientIp,
      audit,
      challenges: this.mfaChallenges,
      requireMfa: this.app.requireMfa,
      admission: hasher.logInAdmission,
    });
  }

  get completeMfa() {
    const { identity, users, factors, secondFactor, session, audit } = this;
    const completeMfa = new CompleteMfaLogInInteractor({
      identity,
      users,
      factors,
      secondFactor,
      challenges: this.mfaChallenges,
    });
    return new CompleteMfaHandler({ completeMfa, session, audit });
  }

  // account.mfa

  get mfaStatus() {
    const { factors, recoveryCodes } = this.secondFactorDeps;
    return new MfaStatusQuery({ currentUser: this.currentUser, factors, recoveryCodes });
  }

  get beginTotp() {
    const { currentUser, passwordConfirmation: confirmation, unitOfWork: transactions } = this;
    return this.app.hasher.otherAdmission.admit(
      new BeginTotpEnrolmentInteractor({ ...this.secondFactorDeps, currentUser, confirmation, transactions }),
    );
  }

  get confirmTotp() {
    const { currentUser, revoker: accessRevoker } = this;
    return new ConfirmTotpEnrolmentInteractor({
      ...this.writes,
      ...this.secondFactorDeps,
      currentUser,
      accessRevoker,
    });
  }

  get disableMfa() {
    return this.app.hasher.otherAdmission.admit(
      new DisableMfaInteractor({
        ...this.writes,
        ...this.factorReauthentication,
        accessRevoker: this.revoker,
        clock: this.app.clock,
        enrolment: this.mfaEnrolment,
      }),
    );
  }

  get regenerateRecoveryCodes() {
    return this.app.hasher.otherAdmission.admit(
      new RegenerateRecoveryCodesInteractor({
        ...this.writes,
        ...this.secondFactorDeps,
        ...this.factorReauthentication,
        accessRevoker: this.revoker,
      }),
    );
  }

  get logOut() {
    return new LogOutHandler({ identity: this.identity, session: this.session, audit: this.audit });
  }

  get changePassword() {
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new ChangePasswordInteractor({
        ...this.writes,
        currentUser: this.currentUser,
        userService,
        passwordPolicy,
        confirmation: this.passwordConfirmation,
        accessRevoker: this.revoker,
      }),
    );
  }

  get currentAccount() {
    return new CurrentAccountQuery(this.identity, this.accountReader);
  }

  get mySessions() {
    return new MySessionsQuery(this.currentUser, this.sessions);
  }

  get endMySession() {
    const { currentUser, revoker, unitOfWork, audit } = this;
    return new EndMySessionInteractor({ currentUser, accessRevoker: revoker, transactions: unitOfWork, audit });
  }

  get endMyOtherSessions() {
    const { currentUser, revoker, unitOfWork, audit } = this;
    return new EndMyOtherSessionsInteractor({ currentUser, accessRevoker: revoker, transactions: unitOfWork, audit });
  }

  // users

  get createUser() {
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new CreateUserInteractor({ ...this.writes, currentUser: this.currentUser, userService, passwordPolicy }),
    );
  }

  get listUsers() {
    return new ListUsersQuery(this.currentUser, this.app.userReader);
  }

  get getUser() {
    return new GetUserQuery(this.currentUser, this.accountReader);
  }

  get setUserPassword() {
    const { userService, passwordPolicy, hasher } = this.app;
    return hasher.otherAdmission.admit(
      new SetUserPasswordInteractor({
        ...this.writes,
        currentUser: this.currentUser,
        userService,
        passwordPolicy,
        accessRevoker: this.revoker,
      }),
    );
  }

  get grantAdmin() {
    return new GrantAdminInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      userService: this.app.userService,
    });
  }

  get revokeAdmin() {
    return new RevokeAdminInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      userService: this.app.userService,
    });
  }

  get activateUser() {
    return new ActivateUserInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      userService: this.app.userService,
    });
  }

  get deactivateUser() {
    const { currentUser, revoker } = this;
    return new DeactivateUserInteractor({
      ...this.writes,
      currentUser,
      userService: this.app.userService,
      accessRevoker: revoker,
    });
  }

  get userSessions() {
    return new UserSessionsQuery(this.currentUser, this.users, this.sessions);
  }

  get endUserSessions() {
    return new EndUserSessionsInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      accessRevoker: this.revoker,
    });
  }

  get resetUserMfa() {
    return new ResetUserMfaInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      factors: this.factors,
      accessRevoker: this.revoker,
      clock: this.app.clock,
    });
  }

  // API keys

  private get apiKeys() {
    return new PrismaApiKeyStore(this.unitOfWork, this.app.clock);
  }

  get createApiKey() {
    const { ids, clock, apiKeyGenerator: generator, hasher } = this.app;
    const { currentUser, passwordConfirmation: confirmation, unitOfWork: transactions, audit } = this;
    return hasher.otherAdmission.admit(
      new CreateApiKeyInteractor({
        currentUser,
        confirmation,
        keys: this.apiKeys,
        generator,
        ids,
        clock,
        transactions,
        audit,
      }),
    );
  }

  get myApiKeys() {
    return new MyApiKeysQuery({ currentUser: this.currentUser, keys: this.apiKeys });
  }

  get revokeMyApiKey() {
    const { currentUser, unitOfWork: transactions, audit } = this;
    return new RevokeMyApiKeyInteractor({ currentUser, keys: this.apiKeys, transactions, audit });
  }

  get userApiKeys() {
    return new UserApiKeysQuery({ currentUser: this.currentUser, users: this.users, keys: this.apiKeys });
  }

  get revokeUserApiKeys() {
    return new RevokeUserApiKeysInteractor({ ...this.writes, currentUser: this.currentUser, keys: this.apiKeys });
  }

  // Passkeys

  private get passkeys() {
    return new PrismaPasskeyStore(this.unitOfWork);
  }

  private get passkeyChallenges() {
    const { prisma, clock, secureCookies } = this.app;
    return new CookiePasskeyChallenges(prisma, this.facts.cookies, clock, { secureCookies });
  }

  /** What every passkey ceremony needs: the caller's challenges and the relying party's verifier. */
  private get ceremony() {
    return { passkeys: this.passkeys, challenges: this.passkeyChallenges, verifier: this.app.passkeyVerifier };
  }

  get myPasskeys() {
    return new MyPasskeysQuery({ currentUser: this.currentUser, passkeys: this.passkeys });
  }

  get beginPasskeyRegistration() {
    const { currentUser, passwordConfirmation: confirmation } = this;
    return this.app.hasher.otherAdmission.admit(
      new BeginPasskeyRegistrationInteractor({ ...this.ceremony, currentUser, confirmation }),
    );
  }

  get finishPasskeyRegistration() {
    const { ids, clock } = this.app;
    return new FinishPasskeyRegistrationInteractor({
      ...this.writes,
      ...this.ceremony,
      currentUser: this.currentUser,
      accessRevoker: this.revoker,
      ids,
      clock,
    });
  }

  get renamePasskey() {
    return new RenamePasskeyInteractor({ currentUser: this.currentUser, passkeys: this.passkeys });
  }

  get removePasskey() {
    return this.app.hasher.otherAdmission.admit(
      new RemovePasskeyInteractor({
        ...this.writes,
        currentUser: this.currentUser,
        confirmation: this.passwordConfirmation,
        enrolment: this.mfaEnrolment,
        passkeys: this.passkeys,
        accessRevoker: this.revoker,
        clock: this.app.clock,
      }),
    );
  }

  get beginPasskeyLogIn() {
    const { challenges, verifier } = this.ceremony;
    return new BeginPasskeyLogInInteractor({ identity: this.identity, challenges, verifier });
  }

  get finishPasskeyLogIn() {
    const { identity, users, session, audit } = this;
    const finishLogIn = new FinishPasskeyLogInInteractor({
      ...this.ceremony,
      identity,
      users,
      clock: this.app.clock,
      audit,
    });
    return new PasskeyLogInHandler({
      finishLogIn,
      session,
      throttle: this.app.throttle,
      clientIp: this.facts.clientIp,
      audit,
    });
  }

  get userPasskeys() {
    return new UserPasskeysQuery({ currentUser: this.currentUser, users: this.users, passkeys: this.passkeys });
  }

  get removeUserPasskeys() {
    return new RemoveUserPasskeysInteractor({
      ...this.writes,
      currentUser: this.currentUser,
      passkeys: this.passkeys,
      accessRevoker: this.revoker,
      clock: this.app.clock,
    });
  }

  get listAuditEvents() {
    return new ListAuditEventsQuery(this.currentUser, this.app.auditReader);
  }

  get activityOverview() {
    return new ActivityOverviewQuery(this.currentUser, this.app.activityReader, this.app.clock);
  }

  // operator-only, reachable in process and never over HTTP (see routers/system.router.ts)

  get purgeAuditEvents() {
    const { prisma, clock, auditRetentionDays } = this.app;
    return new PurgeAuditEventsInteractor({
      purger: new PrismaAuditPurger(prisma),
      clock,
      retentionDays: auditRetentionDays,
    });
  }

  get bootstrapSuperAdmin() {
    const { userService, passwordPolicy, userReader } = this.app;
    return new BootstrapSuperAdminInteractor({ ...this.writes, userService, passwordPolicy, reader: userReader });
  }
}
