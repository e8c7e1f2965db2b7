// In-memory fakes of the core's ports, for unit tests of the core only.
import {
  ActivateUserInteractor,
  BeginTotpEnrolmentInteractor,
  BootstrapSuperAdminInteractor,
  ChangePasswordInteractor,
  CompleteMfaLogInInteractor,
  CreateApiKeyInteractor,
  ConfirmTotpEnrolmentInteractor,
  CreateUserInteractor,
  CurrentAccountQuery,
  CurrentUser,
  DeactivateUserInteractor,
  DisableMfaInteractor,
  EndMyOtherSessionsInteractor,
  EndMySessionInteractor,
  EndUserSessionsInteractor,
  MySessionsQuery,
  UserSessionsQuery,
  GetUserQuery,
  ListAuditEventsQuery,
  GrantAdminInteractor,
  ListUsersQuery,
  MfaStatusQuery,
  MyApiKeysQuery,
  MfaEnrolment,
  BeginPasskeyLogInInteractor,
  BeginPasskeyRegistrationInteractor,
  FinishPasskeyLogInInteractor,
  FinishPasskeyRegistrationInteractor,
  MyPasskeysQuery,
  PasskeyRejectedError,
  RemovePasskeyInteractor,
  RemoveUserPasskeysInteractor,
  RenamePasskeyInteractor,
  UserPasskeysQuery,
  NotAuthenticatedError,
  PurgeAuditEventsInteractor,
  RevokeAdminInteractor,
  PasswordConfirmation,
  RECOVERY_CODE_ALPHABET,
  RecoveryCode,
  RegenerateRecoveryCodesInteractor,
  ResetUserMfaInteractor,
  RevokeMyApiKeyInteractor,
  RevokeUserApiKeysInteractor,
  SecondFactorCheck,
  SetUserPasswordInteractor,
  SignUpInteractor,
  TotpFactor,
  User,
  type Username,
  UsernameTakenError,
  UserApiKeysQuery,
  UserService,
  type AccessRevoker,
  type ApiKeyGenerator,
  type ApiKeyScope,
  type ApiKeyStore,
  type ApiKeyView,
  type NewApiKey,
  type FactorInventory,
  type NewPasskey,
  type PasskeyCeremony,
  type PasskeyChallenge,
  type PasskeyChallenges,
  type PasskeyCredential,
  type PasskeyStore,
  type PasskeyUse,
  type PasskeyVerifier,
  type PasskeyView,
  type StoredPasskey,
  type UserFactors,
  type VerifiedAssertion,
  type VerifiedRegistration,
  type WebAuthnOptionsJson,
  type AuditCriteria,
  type AuditEventView,
  type AuditLog,
  type AuditPurger,
  type AuditReader,
  type AuditRecord,
  type SessionReader,
  type SessionView,
  type AccountView,
  type IdentityProvider,
  type MfaChallenge,
  type MfaChallenges,
  type MfaRequirement,
  type PasswordAttempts,
  type PasswordPolicy,
  type RawPassword,
  type RecoveryCodeGenerator,
  type RecoveryCodeStore,
  type SecretCipher,
  type TotpFactorDataMapper,
  type TotpFactorProps,
  type TotpVerifier,
  type TransactionManager,
  type UserDataMapper,
  type UserId,
  type UserListCriteria,
  type UserListFilter,
  type UserListItem,
  type UserReader,
  type UserRole,
} from "../src/index";
import { FakePasswordHasher, FixedClock, makeUser, SequentialIdGenerator } from "./domain-fakes";

export { FakePasswordHasher, FixedClock, SequentialIdGenerator };

export class FakeIdentityProvider implements IdentityProvider {
  constructor(public userId: UserId | null = null) {}

  async currentUserId(): Promise<UserId> {
    if (!this.userId) throw new NotAuthenticatedError();
    return this.userId;
  }

  async isAuthenticated(): Promise<boolean> {
    return this.userId !== null;
  }
}

function snapshot(user: User, version = user.version): User {
  const { id, username, passwordHash, role, isActive, createdAt, updatedAt } = user;
  return new User({ id, username, passwordHash, role, isActive, createdAt, updatedAt, version });
}

function toAccount(user: User): AccountView {
  const { id, username, role, isActive, createdAt } = user;
  return { id, username: username.value, role, isActive, createdAt };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A write another fake registers with the store's unit of work (see `enlist`). */
export interface StagedWrite {
  /** Refuses the write as the database would (throws), before anything commits. */
  check(): void;
  apply(): void;
}

/**
 * A tiny in-memory database with a real unit of work: `add`/`update`/`record` (and other
 * fakes' writes, `enlist`) register, and `run` sends the registered writes when its work
 * returns (enforcing the unique username and the optimistic version, as the database does),
 * then commits, or throws them all away.
 * Reads hand out copies, as a database would.
 */
export class InMemoryUserStore
  implements UserDataMapper, TransactionManager, UserReader, AuditLog, AuditReader, AuditPurger
{
  readonly committed = new Map<UserId, User>();
  readonly events: AuditEventView[] = [];
  inTransaction = false;
  commits = 0;
  private staged = new Map<UserId, User>();
  private stagedEvents: AuditEventView[] = [];
  private stagedWrites: StagedWrite[] = [];
  private pending: Array<
    | { kind: "add" | "update"; user: User }
    | { kind: "audit"; event: AuditRecord }
    | { kind: "write"; write: StagedWrite }
  > = [];
  private eventCounter = 0;

  record(event: AuditRecord): void {
    this.pending.push({ kind: "audit", event });
  }

  async recordNow(event: AuditRecord): Promise<void> {
    this.events.push(this.toView(event));
  }

  private toView(event: AuditRecord): AuditEventView {
    this.eventCounter += 1;
    return {
      ...event,
      id: `event-${String(this.eventCounter).padStart(6, "0")}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, this.eventCounter)),
      attemptedUsername: event.attemptedUsername ?? null,
      method: event.method ?? null,
      actorUsername: null, // filled in as the log is read, as the database joins them
      targetUsername: null,
      clientIp: "203.0.113.1",
      requestId: "request-1",
    };
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const kept = this.events.filter((event) => event.occurredAt >= cutoff);
    const deleted = this.events.length - kept.length;
    this.events.splice(0, this.events.length, ...kept);
    return deleted;
  }

  async listEvents(criteria: AuditCriteria): Promise<AuditEventView[]> {
    const key = (e: AuditEventView) => `${e.occurredAt.toISOString()}|${e.id}`;
    const after = criteria.after && `${criteria.after.occurredAt.toISOString()}|${criteria.after.id}`;
    return this.events
      .filter(
        (e) =>
          (criteria.type === null || e.type === criteria.type) &&
          (criteria.actorId === null || e.actorId === criteria.actorId) &&
          (criteria.targetId === null || e.targetId === criteria.targetId) &&
          (criteria.actorUsernameKey === null || this.usernameKeyOf(e.actorId) === criteria.actorUsernameKey) &&
          (criteria.targetUsernameKey === null || this.usernameKeyOf(e.targetId) === criteria.targetUsernameKey) &&
          (criteria.involvedUserId === null ||
            e.actorId === criteria.involvedUserId ||
            e.targetId === criteria.involvedUserId) &&
          (criteria.from === null || e.occurredAt >= criteria.from) &&
          (criteria.to === null || e.occurredAt < criteria.to) &&
          (after === null || key(e) < after),
      )
      .sort((a, b) => (key(a) < key(b) ? 1 : -1))
      .slice(0, criteria.limit)
      .map((e) => ({ ...e, actorUsername: this.usernameOf(e.actorId), targetUsername: this.usernameOf(e.targetId) }));
  }

  private usernameOf(id: string | null): string | null {
    return (id && this.committed.get(id as UserId)?.username.value) ?? null;
  }

  private usernameKeyOf(id: string | null): string | null {
    return (id && this.committed.get(id as UserId)?.username.key) ?? null;
  }

  add(user: User): void {
    this.pending.push({ kind: "add", user });
  }

  /** Registers another fake's write with this unit of work: checked when sent, applied on commit. */
  enlist(write: StagedWrite): void {
    this.pending.push({ kind: "write", write });
  }

  update(user: User): void {
    this.pending.push({ kind: "update", user });
  }

  async readById(id: UserId): Promise<User | null> {
    const user = this.staged.get(id) ?? this.committed.get(id);
    return user ? snapshot(user) : null;
  }

  async readByUsername(username: Username): Promise<User | null> {
    const user = this.current().find((candidate) => candidate.username.equals(username));
    return user ? snapshot(user) : null;
  }

  private sendPending(): void {
    for (const change of this.pending.splice(0)) {
      if (change.kind === "audit") {
        this.stagedEvents.push(this.toView(change.event));
        continue;
      }
      if (change.kind === "write") {
        change.write.check();
        this.stagedWrites.push(change.write);
        continue;
      }
      const { kind, user } = change;
      if (kind === "add") {
        if (this.current().some((other) => other.username.equals(user.username))) throw new UsernameTakenError();
        this.staged.set(user.id, snapshot(user));
      } else {
        const stored = this.staged.get(user.id) ?? this.committed.get(user.id);
        if (!stored || stored.version !== user.version) throw new Error("lost update");
        this.staged.set(user.id, snapshot(user, user.version + 1));
      }
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.inTransaction = true;
    try {
      const result = await work();
      this.sendPending();
      for (const [id, user] of this.staged) this.committed.set(id, user);
      this.events.push(...this.stagedEvents);
      for (const write of this.stagedWrites) write.apply();
      this.commits += 1;
      return result;
    } finally {
      this.inTransaction = false;
      this.staged = new Map();
      this.stagedEvents = [];
      this.stagedWrites = [];
      this.pending = [];
    }
  }

  async readAccount(id: UserId): Promise<AccountView | null> {
    const user = this.committed.get(id);
    return user ? toAccount(user) : null;
  }

  async readListItem(id: UserId): Promise<UserListItem | null> {
    const user = this.committed.get(id);
    return user ? this.toItem(user) : null;
  }

  /** Log-ins are the infrastructure's (the log-in handler): here, set by the test. */
  readonly lastLogIns = new Map<UserId, Date>();

  /** Whether a user has two-factor on, as the reader joins it: `createWorld` points it at its factors. */
  mfaEnabled: (id: UserId) => boolean = () => false;

  private toItem(user: User): UserListItem {
    return {
      ...toAccount(user),
      lastLogInAt: this.lastLogIns.get(user.id) ?? null,
      mfaEnabled: this.mfaEnabled(user.id),
    };
  }

  async listUsers({ filter, sort, limit }: UserListCriteria): Promise<UserListItem[]> {
    const direction = sort.order === "asc" ? 1 : -1;
    const keyOf = (user: User) => (sort.by === "username" ? user.username.key : user.createdAt.getTime());
    const byKeyThenId = (a: { key: string | number; id: string }, b: { key: string | number; id: string }) =>
      direction * (compare(a.key, b.key) || compare(a.id, b.id));
    const after = sort.after && {
      key: "usernameKey" in sort.after ? sort.after.usernameKey : sort.after.createdAt.getTime(),
      id: sort.after.id,
    };
    return this.matching(filter)
      .map((user) => ({ user, key: keyOf(user), id: user.id }))
      .filter((row) => !after || byKeyThenId(row, after) > 0)
      .sort(byKeyThenId)
      .slice(0, limit)
      .map((row) => this.toItem(row.user));
  }

  async countUsers(filter: UserListFilter): Promise<number> {
    return this.matching(filter).length;
  }

  private matching(filter: UserListFilter): User[] {
    return [...this.committed.values()].filter(
      (user) =>
        (filter.search === null || user.username.key.includes(filter.search)) &&
        (filter.role === null || user.role === filter.role) &&
        (filter.isActive === null || user.isActive === filter.isActive),
    );
  }

  private current(): User[] {
    return [...new Map([...this.committed, ...this.staged]).values()];
  }
}

/**
 * Sessions in memory: records which were ended (and whether inside the command's
 * transaction) and serves the session lists. `current` marks the caller's own session.
 */
export class FakeSessions implements AccessRevoker, SessionReader {
  readonly calls: Array<{ kind: "all" | "others" | "one"; userId: UserId; inTransaction: boolean }> = [];
  readonly sessions: Array<SessionView & { userId: UserId }> = [];
  private counter = 0;

  constructor(private readonly store: InMemoryUserStore) {}

  /** A live session of `userId`; `current` when it is the caller's own. */
  open(userId: UserId, current = false): string {
    this.counter += 1;
    const at = new Date(Date.UTC(2026, 0, 1, 0, this.counter));
    const id = `session-${this.counter}`;
    this.sessions.push({
      id,
      userId,
      createdAt: at,
      lastUsedAt: at,
      ipAddress: "203.0.113.1",
      userAgent: "Test",
      current,
    });
    return id;
  }

  async revokeAllSessions(userId: UserId): Promise<void> {
    this.calls.push({ kind: "all", userId, inTransaction: this.store.inTransaction });
    this.remove((session) => session.userId === userId);
  }

  async revokeOtherSessions(userId: UserId): Promise<void> {
    this.calls.push({ kind: "others", userId, inTransaction: this.store.inTransaction });
    this.remove((session) => session.userId === userId && !session.current);
  }

  async revokeSession(userId: UserId, sessionId: string): Promise<boolean> {
    this.calls.push({ kind: "one", userId, inTransaction: this.store.inTransaction });
    return this.remove((session) => session.userId === userId && session.id === sessionId) > 0;
  }

  async listSessions(userId: UserId): Promise<SessionView[]> {
    return this.sessions
      .filter((session) => session.userId === userId)
      .sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())
      .map(({ userId: _owner, ...view }) => view);
  }

  private remove(match: (session: SessionView & { userId: UserId }) => boolean): number {
    const before = this.sessions.length;
    for (let i = this.sessions.length - 1; i >= 0; i--) if (match(this.sessions[i]!)) this.sessions.splice(i, 1);
    return before - this.sessions.length;
  }
}

/** Codes one log-in challenge takes before it is used up (the log-in handler's allowance). */
export const MFA_CHALLENGE_ATTEMPTS = 5;

/**
 * The caller's log-in challenge (what their challenge cookie names), in memory: `attempt`
 * counts a try and says how many are left, `end` removes it and says whether this call did.
 */
export class FakeMfaChallenges implements MfaChallenges {
  /** The caller's challenge; null when there is none (never issued, or ended). */
  current: { userId: UserId; userVersion: number; attemptsUsed: number } | null = null;

  async issue(user: User): Promise<void> {
    this.current = { userId: user.id, userVersion: user.version, attemptsUsed: 0 };
  }

  async attempt(): Promise<MfaChallenge | null> {
    const challenge = this.current;
    if (!challenge || challenge.attemptsUsed >= MFA_CHALLENGE_ATTEMPTS) return null;
    challenge.attemptsUsed += 1;
    const { userId, userVersion } = challenge;
    return { userId, userVersion, attemptsLeft: MFA_CHALLENGE_ATTEMPTS - challenge.attemptsUsed };
  }

  async end(): Promise<boolean> {
    const ended = this.current !== null;
    this.current = null;
    return ended;
  }

  /** Removing a user's factor removes their log-ins waiting for a code. */
  endFor(userId: UserId): void {
    if (this.current?.userId === userId) this.current = null;
  }
}

/**
 * Authenticator apps and recovery codes in memory. Saves and removals go through the store's
 * unit of work; `acceptStep` and `use` write at once and atomically, as their ports say.
 * Reads hand out copies, as a database would.
 */
export class InMemoryMfaStore implements TotpFactorDataMapper, RecoveryCodeStore {
  readonly factors = new Map<UserId, TotpFactorProps>();
  readonly codes = new Map<UserId, Array<{ hash: string; used: boolean }>>();

  constructor(
    private readonly store: InMemoryUserStore,
    private readonly challenges: FakeMfaChallenges,
  ) {}

  async read(userId: UserId): Promise<TotpFactor | null> {
    const props = this.factors.get(userId);
    return props ? new TotpFactor({ ...props }) : null;
  }

  savePending(factor: TotpFactor): void {
    this.store.enlist({
      check: () => {
        if (this.factors.get(factor.userId)?.enabledAt) throw new Error("an enabled factor is never replaced");
      },
      apply: () => this.factors.set(factor.userId, propsOf(factor)),
    });
  }

  saveConfirmed(factor: TotpFactor): void {
    this.store.enlist({
      check: () => {
        const stored = this.factors.get(factor.userId);
        if (!stored || stored.enabledAt !== null || stored.encryptedSecret !== factor.encryptedSecret) {
          throw new Error("lost update: not the pending enrolment that was read");
        }
      },
      apply: () => this.factors.set(factor.userId, propsOf(factor)),
    });
  }

  remove(userId: UserId): void {
    this.store.enlist({
      check: () => {},
      apply: () => {
        this.factors.delete(userId);
        this.codes.delete(userId);
        this.challenges.endFor(userId);
      },
    });
  }

  async acceptStep(userId: UserId, step: number): Promise<boolean> {
    const stored = this.factors.get(userId);
    if (!stored || (stored.lastAcceptedStep !== null && step <= stored.lastAcceptedStep)) return false;
    stored.lastAcceptedStep = step;
    return true;
  }

  replace(userId: UserId, hashes: readonly string[]): void {
    this.store.enlist({
      check: () => {},
      apply: () =>
        this.codes.set(
          userId,
          hashes.map((hash) => ({ hash, used: false })),
        ),
    });
  }

  async use(userId: UserId, hash: string): Promise<boolean> {
    const code = this.codes.get(userId)?.find((candidate) => candidate.hash === hash && !candidate.used);
    if (!code) return false;
    code.used = true;
    return true;
  }

  async countUnused(userId: UserId): Promise<number> {
    return (this.codes.get(userId) ?? []).filter((code) => !code.used).length;
  }
}

function propsOf(factor: TotpFactor): TotpFactorProps {
  const { userId, encryptedSecret, enabledAt, lastAcceptedStep, createdAt } = factor;
  return { userId, encryptedSecret, enabledAt, lastAcceptedStep, createdAt };
}

/** The RFC 6238 time step (30 seconds) `at` falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 30_000);
}

/**
 * TOTP with the HMAC replaced by a deterministic stand-in: each (secret, time step) has its
 * code (`codeFor`), and a code matches within one step either side of the time given, as the
 * real verifier's window does.
 */
export class FakeTotpVerifier implements TotpVerifier {
  private issued = 0;

  newSecret(): string {
    this.issued += 1;
    return `SECRET${"A".repeat(this.issued)}`;
  }

  matchingStep(secret: string, code: string, at: Date): number | null {
    const now = totpStep(at);
    return [now - 1, now, now + 1].find((step) => this.codeFor(secret, step) === code) ?? null;
  }

  keyUri(secret: string, accountName: string): string {
    return `otpauth://totp/Gatehouse:${accountName}?secret=${secret}&issuer=Gatehouse`;
  }

  /** The code an app holding `secret` shows during `step`. */
  codeFor(secret: string, step: number): string {
    let code = step % 1_000_000;
    for (const char of secret) code = (code * 31 + char.charCodeAt(0)) % 1_000_000;
    return String(code).padStart(6, "0");
  }
}

/** Reversible "encryption" bound to its context (the owner's id): no other context opens it. */
export class FakeSecretCipher implements SecretCipher {
  encrypt(plaintext: string, context: string): string {
    return `sealed(${context}):${[...plaintext].reverse().join("")}`;
  }

  decrypt(ciphertext: string, context: string): string {
    const prefix = `sealed(${context}):`;
    if (!ciphertext.startsWith(prefix)) throw new Error(`not sealed for ${context}`);
    return [...ciphertext.slice(prefix.length)].reverse().join("");
  }
}

/** Recovery codes in sequence (…aaab, …aaac, …), "hashed" with a visible prefix. */
export class FakeRecoveryCodeGenerator implements RecoveryCodeGenerator {
  private issued = 0;

  generate(): RecoveryCode {
    this.issued += 1;
    let value = "";
    for (let n = this.issued; n > 0; n = Math.floor(n / 32)) value = RECOVERY_CODE_ALPHABET.charAt(n % 32) + value;
    return RecoveryCode.create(value.padStart(24, "a"));
  }

  hash(code: RecoveryCode): string {
    return `hash:${code.value}`;
  }
}

/** A key as the fake stores it: what `add` was given, plus what the infrastructure writes later. */
export type StoredApiKey = NewApiKey & { lastUsedAt: Date | null; revokedAt: Date | null };

/**
 * API keys in memory. `add` and `revokeAllOf` go through the store's unit of work; `revoke`
 * writes at once, as its port says. Revoking marks the key, as the database does.
 */
export class InMemoryApiKeyStore implements ApiKeyStore {
  readonly keys: StoredApiKey[] = [];

  constructor(
    private readonly store: InMemoryUserStore,
    private readonly clock: FixedClock,
  ) {}

  add(key: NewApiKey): void {
    this.store.enlist({
      check: () => {
        if (this.keys.some((other) => other.id === key.id)) throw new Error("duplicate key id");
      },
      apply: () => this.keys.push({ ...key, lastUsedAt: null, revokedAt: null }),
    });
  }

  async listOf(userId: UserId): Promise<ApiKeyView[]> {
    return this.keys
      .filter((key) => key.userId === userId && key.revokedAt === null)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compare(b.id, a.id))
      .map(({ id, name, prefix, scope, createdAt, lastUsedAt, expiresAt }) => ({
        id,
        name,
        prefix,
        scope,
        createdAt,
        lastUsedAt,
        expiresAt,
      }));
  }

  async revoke(userId: UserId, keyId: string): Promise<boolean> {
    const key = this.keys.find(
      (candidate) => candidate.id === keyId && candidate.userId === userId && candidate.revokedAt === null,
    );
    if (key) key.revokedAt = this.clock.now();
    return key !== undefined;
  }

  revokeAllOf(userId: UserId): void {
    this.store.enlist({
      check: () => {},
      apply: () => {
        const revokedAt = this.clock.now();
        for (const key of this.keys) if (key.userId === userId && key.revokedAt === null) key.revokedAt = revokedAt;
      },
    });
  }
}

/** Keys in sequence (ghk_…0001, ghk_…0002, …), "hashed" with a visible prefix. */
export class FakeApiKeyGenerator implements ApiKeyGenerator {
  private issued = 0;

  generate(): { key: string; prefix: string; hash: string } {
    this.issued += 1;
    const key = `ghk_${String(this.issued).padStart(43, "0")}`;
    // A "hash" that does not contain the key, so a test can tell the key was not stored.
    return { key, prefix: key.slice(0, 12), hash: `hash:${[...key].reverse().join("")}` };
  }
}

/** A passkey as the fake stores it: what `add` was given, plus when it was last used. */
export type StoredPasskeyRow = NewPasskey & { lastUsedAt: Date | null };

/**
 * Passkeys in memory. `add` and `removeAllOf` go through the store's unit of work (a credential
 * id is unique, as in the database); `rename`, `remove` and `recordUse` write at once, as their
 * port says. Reads hand out copies.
 */
export class InMemoryPasskeyStore implements PasskeyStore {
  readonly passkeys: StoredPasskeyRow[] = [];

  constructor(private readonly store: InMemoryUserStore) {}

  add(passkey: NewPasskey): void {
    this.store.enlist({
      check: () => {
        if (this.passkeys.some((other) => other.id === passkey.id || other.credentialId === passkey.credentialId)) {
          throw new Error("duplicate passkey");
        }
      },
      apply: () => this.passkeys.push({ ...passkey, transports: [...passkey.transports], lastUsedAt: null }),
    });
  }

  async listOf(userId: UserId): Promise<PasskeyView[]> {
    return this.passkeys
      .filter((passkey) => passkey.userId === userId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compare(b.id, a.id))
      .map(({ id, name, createdAt, lastUsedAt, backedUp }) => ({ id, name, createdAt, lastUsedAt, backedUp }));
  }

  async credentialsOf(userId: UserId): Promise<PasskeyCredential[]> {
    return this.passkeys
      .filter((passkey) => passkey.userId === userId)
      .map(({ credentialId, publicKey, counter, transports }) => ({
        credentialId,
        publicKey,
        counter,
        transports: [...transports],
      }));
  }

  async findByCredentialId(credentialId: string): Promise<StoredPasskey | null> {
    const found = this.passkeys.find((passkey) => passkey.credentialId === credentialId);
    if (!found) return null;
    const { id, userId, publicKey, counter, transports } = found;
    return { id, userId, credentialId, publicKey, counter, transports: [...transports] };
  }

  async rename(userId: UserId, passkeyId: string, name: string): Promise<boolean> {
    const passkey = this.passkeys.find((candidate) => candidate.id === passkeyId && candidate.userId === userId);
    if (passkey) passkey.name = name;
    return passkey !== undefined;
  }

  async remove(userId: UserId, passkeyId: string): Promise<boolean> {
    const index = this.passkeys.findIndex((candidate) => candidate.id === passkeyId && candidate.userId === userId);
    if (index >= 0) this.passkeys.splice(index, 1);
    return index >= 0;
  }

  removeAllOf(userId: UserId): void {
    this.store.enlist({
      check: () => {},
      apply: () => {
        for (let i = this.passkeys.length - 1; i >= 0; i--) {
          if (this.passkeys[i]!.userId === userId) this.passkeys.splice(i, 1);
        }
      },
    });
  }

  async recordUse(passkeyId: string, use: PasskeyUse): Promise<boolean> {
    const passkey = this.passkeys.find((candidate) => candidate.id === passkeyId);
    if (!passkey || passkey.counter !== use.previousCounter) return false;
    passkey.counter = use.newCounter;
    passkey.backedUp = use.backedUp;
    passkey.lastUsedAt = use.at;
    return true;
  }
}

/**
 * The caller's WebAuthn challenges (what their challenge cookie names), one per ceremony:
 * `issue` replaces that ceremony's, `take` ends it (single use) and hands back what checks it.
 */
export class FakePasskeyChallenges implements PasskeyChallenges {
  readonly live = new Map<PasskeyCeremony, { challenge: string; userId: UserId | null }>();
  private issued = 0;

  async issue(ceremony: PasskeyCeremony, userId: UserId | null): Promise<string> {
    this.issued += 1;
    const challenge = `challenge-${this.issued}`;
    this.live.set(ceremony, { challenge, userId });
    return challenge;
  }

  async take(ceremony: PasskeyCeremony): Promise<PasskeyChallenge | null> {
    const live = this.live.get(ceremony);
    if (!live) return null;
    this.live.delete(ceremony);
    return { userId: live.userId, matches: (challenge) => challenge === live.challenge };
  }
}

/** What a fake authenticator answers a registration with (the test builds it, see FakePasskeyVerifier). */
export interface FakeRegistrationResponse {
  ceremony: "registration";
  /** The challenge it signed. */
  challenge: string;
  credentialId: string;
  counter: number;
  transports: string[];
  backedUp: boolean;
  userVerified: boolean;
}

/** What a fake authenticator answers a log-in with: signed with the private key `signedWith`. */
export interface FakeAssertionResponse {
  ceremony: "log-in";
  challenge: string;
  credentialId: string;
  counter: number;
  backedUp: boolean;
  userVerified: boolean;
  signedWith: string;
}

/** The public key of a fake authenticator whose private key is `privateKey` (its credential id, unless told). */
export function fakePublicKey(privateKey: string): Uint8Array {
  return new TextEncoder().encode(`public key of ${privateKey}`);
}

/** A fake authenticator's answer to a registration challenge: verified, resident, backed up unless told. */
export function registrationResponse(
  challenge: string,
  answer: Partial<Omit<FakeRegistrationResponse, "ceremony" | "challenge">> = {},
): FakeRegistrationResponse {
  return {
    ceremony: "registration",
    challenge,
    credentialId: "credential-1",
    counter: 0,
    transports: ["internal", "hybrid"],
    backedUp: true,
    userVerified: true,
    ...answer,
  };
}

/** A fake authenticator's answer to a log-in challenge with `credentialId`, signed with its own key unless told. */
export function assertionResponse(
  challenge: string,
  credentialId: string,
  answer: Partial<Omit<FakeAssertionResponse, "ceremony" | "challenge" | "credentialId">> = {},
): FakeAssertionResponse {
  return {
    ceremony: "log-in",
    challenge,
    credentialId,
    counter: 0,
    backedUp: true,
    userVerified: true,
    signedWith: credentialId,
    ...answer,
  };
}

/**
 * WebAuthn with the cryptography replaced: responses are the plain objects above, and they
 * verify by the rules the real verifier applies (the challenge matches, the user was verified,
 * the signature is the passkey's key, and the counter moved on when either counter is not 0);
 * otherwise PasskeyRejectedError. Options are plain too, to read the challenge back from.
 */
export class FakePasskeyVerifier implements PasskeyVerifier {
  async registrationOptions(user: User, challenge: string, exclude: PasskeyCredential[]): Promise<WebAuthnOptionsJson> {
    const options = {
      challenge,
      user: { id: user.id, name: user.username.value },
      excludeCredentials: exclude.map(({ credentialId, transports }) => ({ id: credentialId, transports })),
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    };
    return options;
  }

  async verifyRegistration(response: unknown, challenge: PasskeyChallenge): Promise<VerifiedRegistration> {
    const answer = response as Partial<FakeRegistrationResponse> | null;
    if (answer?.ceremony !== "registration" || !challenge.matches(answer.challenge!) || answer.userVerified !== true) {
      throw new PasskeyRejectedError();
    }
    const { credentialId, counter, transports, backedUp } = answer as FakeRegistrationResponse;
    return { credentialId, publicKey: fakePublicKey(credentialId), counter, transports: [...transports], backedUp };
  }

  async logInOptions(challenge: string): Promise<WebAuthnOptionsJson> {
    const options = { challenge, userVerification: "required" };
    return options;
  }

  credentialIdOf(response: unknown): string | null {
    const id = (response as { credentialId?: unknown } | null)?.credentialId;
    return typeof id === "string" ? id : null;
  }

  async verifyLogIn(
    response: unknown,
    challenge: PasskeyChallenge,
    passkey: StoredPasskey,
  ): Promise<VerifiedAssertion> {
    const answer = response as FakeAssertionResponse;
    const decode = (key: Uint8Array) => new TextDecoder().decode(key);
    const counterMovedOn = (answer.counter === 0 && passkey.counter === 0) || answer.counter > passkey.counter;
    if (
      answer.ceremony !== "log-in" ||
      answer.credentialId !== passkey.credentialId ||
      !challenge.matches(answer.challenge) ||
      answer.userVerified !== true ||
      decode(fakePublicKey(answer.signedWith)) !== decode(passkey.publicKey) ||
      !counterMovedOn
    ) {
      throw new PasskeyRejectedError();
    }
    return { newCounter: answer.counter, backedUp: answer.backedUp };
  }
}

/** Which second factors a user has, read from the fakes: an enabled authenticator app, and their passkeys. */
export class FakeFactorInventory implements FactorInventory {
  constructor(
    private readonly mfa: InMemoryMfaStore,
    private readonly passkeys: InMemoryPasskeyStore,
  ) {}

  async of(userId: UserId): Promise<UserFactors> {
    return {
      totp: Boolean(this.mfa.factors.get(userId)?.enabledAt),
      passkeys: this.passkeys.passkeys.filter((passkey) => passkey.userId === userId).length,
    };
  }
}

/** The retention `createWorld`'s audit purge keeps events for. */
export const AUDIT_RETENTION_DAYS = 30;

/** Everything an interactor needs, wired to the fakes above. */
export function createWorld({ requireMfa = "none" }: { requireMfa?: MfaRequirement } = {}) {
  const store = new InMemoryUserStore();
  const identity = new FakeIdentityProvider();
  const clock = new FixedClock();
  const hasher = new FakePasswordHasher();
  const ids = new SequentialIdGenerator();
  const userService = new UserService(hasher, ids, clock);
  const revoker = new FakeSessions(store);
  const challenges = new FakeMfaChallenges();
  const mfa = new InMemoryMfaStore(store, challenges);
  store.mfaEnabled = (id) => Boolean(mfa.factors.get(id)?.enabledAt);
  const totp = new FakeTotpVerifier();
  const cipher = new FakeSecretCipher();
  const codeGenerator = new FakeRecoveryCodeGenerator();
  const apiKeys = new InMemoryApiKeyStore(store, clock);
  const keyGenerator = new FakeApiKeyGenerator();
  const passkeys = new InMemoryPasskeyStore(store);
  const passkeyChallenges = new FakePasskeyChallenges();
  const passkeyVerifier = new FakePasskeyVerifier();
  const factorInventory = new FakeFactorInventory(mfa, passkeys);
  const enrolment = new MfaEnrolment(requireMfa, factorInventory);

  /** Puts a user straight into the store (password "correct horse"). */
  function seed(username: string, role: UserRole = "user", isActive = true): User {
    const user = makeUser(username, role, { id: ids.next(), isActive, createdAt: clock.now() });
    store.committed.set(user.id, user);
    clock.advance(1000);
    return user;
  }

  /** Makes `user` (or nobody) the caller. */
  function actAs(user: User | null): void {
    identity.userId = user?.id ?? null;
  }

  /**
   * Gives `user` an authenticator app straight in the store (enabled, with ten recovery codes,
   * or `pending`): the secret the app holds and the codes the user was shown.
   */
  function seedTotp(user: User, { pending = false } = {}): { secret: string; recoveryCodes: string[] } {
    const secret = totp.newSecret();
    const factor = TotpFactor.pending(user.id, cipher.encrypt(secret, user.id), clock.now());
    if (pending) {
      mfa.factors.set(user.id, propsOf(factor));
      return { secret, recoveryCodes: [] };
    }
    mfa.factors.set(user.id, { ...propsOf(factor), enabledAt: clock.now() });
    const codes = Array.from({ length: 10 }, () => codeGenerator.generate());
    mfa.codes.set(
      user.id,
      codes.map((code) => ({ hash: codeGenerator.hash(code), used: false })),
    );
    return { secret, recoveryCodes: codes.map((code) => code.display) };
  }

  /** Gives `user` a live API key straight in the store, made now (then the clock moves on a second). */
  function seedApiKey(
    user: User,
    { name = "a key", scope = "full", days = 90 }: { name?: string; scope?: ApiKeyScope; days?: number } = {},
  ): StoredApiKey {
    const { prefix, hash } = keyGenerator.generate();
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + days * 86_400_000);
    const key = { id: ids.next(), userId: user.id, name, prefix, scope, hash, createdAt, expiresAt };
    apiKeys.keys.push({ ...key, lastUsedAt: null, revokedAt: null });
    clock.advance(1000);
    return apiKeys.keys.at(-1)!;
  }

  /**
   * Gives `user` a passkey straight in the store, made now (then the clock moves on a second):
   * its device answers with `assertionResponse(challenge, passkey.credentialId, …)`.
   */
  function seedPasskey(
    user: User,
    {
      name = "a passkey",
      credentialId = `credential-of-${user.username.key}-${passkeys.passkeys.length + 1}`,
      counter = 0,
      backedUp = false,
      transports = ["internal"],
    }: { name?: string; credentialId?: string; counter?: number; backedUp?: boolean; transports?: string[] } = {},
  ): StoredPasskeyRow {
    const passkey = {
      id: ids.next(),
      userId: user.id,
      name,
      credentialId,
      publicKey: fakePublicKey(credentialId),
      counter,
      transports,
      backedUp,
      createdAt: clock.now(),
      lastUsedAt: null,
    };
    passkeys.passkeys.push(passkey);
    clock.advance(1000);
    return passkey;
  }

  /** The code an app holding `secret` shows now, or `drift` time steps off. */
  function totpCode(secret: string, drift = 0): string {
    return totp.codeFor(secret, totpStep(clock.now()) + drift);
  }

  const currentUser = new CurrentUser(identity, store, enrolment);
  const passwordPolicy = new FakePasswordPolicy();
  const attempts = new FakePasswordAttempts();
  const confirmation = new PasswordConfirmation(userService, attempts, store);
  // The store plays the data mapper, the transactions and the audit log at once.
  const writes = { users: store, transactions: store, audit: store };
  const signedInDeps = { ...writes, currentUser, userService };
  const mfaDeps = { factors: mfa, recoveryCodes: mfa, totp, cipher, codeGenerator, clock };
  const secondFactor = new SecondFactorCheck({ ...mfaDeps, attempts, audit: store });
  const reauthentication = { currentUser, confirmation, factors: mfa, secondFactor };
  const useCases = {
    signUp: new SignUpInteractor({ ...writes, identity, userService, passwordPolicy }),
    bootstrapSuperAdmin: new BootstrapSuperAdminInteractor({ ...writes, userService, passwordPolicy, reader: store }),
    changePassword: new ChangePasswordInteractor({
      ...signedInDeps,
      passwordPolicy,
      confirmation,
      accessRevoker: revoker,
    }),
    createUser: new CreateUserInteractor({ ...signedInDeps, passwordPolicy }),
    setUserPassword: new SetUserPasswordInteractor({ ...signedInDeps, passwordPolicy, accessRevoker: revoker }),
    grantAdmin: new GrantAdminInteractor(signedInDeps),
    revokeAdmin: new RevokeAdminInteractor(signedInDeps),
    activateUser: new ActivateUserInteractor(signedInDeps),
    deactivateUser: new DeactivateUserInteractor({ ...signedInDeps, accessRevoker: revoker }),
    currentAccount: new CurrentAccountQuery(identity, store),
    getUser: new GetUserQuery(currentUser, store),
    listUsers: new ListUsersQuery(currentUser, store),
    listAuditEvents: new ListAuditEventsQuery(currentUser, store),
    mySessions: new MySessionsQuery(currentUser, revoker),
    endMySession: new EndMySessionInteractor({
      currentUser,
      accessRevoker: revoker,
      transactions: store,
      audit: store,
    }),
    endMyOtherSessions: new EndMyOtherSessionsInteractor({
      currentUser,
      accessRevoker: revoker,
      transactions: store,
      audit: store,
    }),
    userSessions: new UserSessionsQuery(currentUser, store, revoker),
    endUserSessions: new EndUserSessionsInteractor({ ...writes, currentUser, accessRevoker: revoker }),
    purgeAuditEvents: new PurgeAuditEventsInteractor({ purger: store, clock, retentionDays: AUDIT_RETENTION_DAYS }),
    beginTotpEnrolment: new BeginTotpEnrolmentInteractor({
      ...mfaDeps,
      currentUser,
      confirmation,
      transactions: store,
    }),
    confirmTotpEnrolment: new ConfirmTotpEnrolmentInteractor({
      ...writes,
      ...mfaDeps,
      currentUser,
      accessRevoker: revoker,
    }),
    disableMfa: new DisableMfaInteractor({ ...writes, ...reauthentication, accessRevoker: revoker, clock, enrolment }),
    regenerateRecoveryCodes: new RegenerateRecoveryCodesInteractor({
      ...writes,
      ...reauthentication,
      recoveryCodes: mfa,
      codeGenerator,
      clock,
      accessRevoker: revoker,
    }),
    resetUserMfa: new ResetUserMfaInteractor({ ...writes, currentUser, factors: mfa, accessRevoker: revoker, clock }),
    completeMfaLogIn: new CompleteMfaLogInInteractor({
      identity,
      users: store,
      challenges,
      factors: mfa,
      secondFactor,
    }),
    mfaStatus: new MfaStatusQuery({ currentUser, factors: mfa, recoveryCodes: mfa }),
    createApiKey: new CreateApiKeyInteractor({
      currentUser,
      confirmation,
      keys: apiKeys,
      generator: keyGenerator,
      ids,
      clock,
      transactions: store,
      audit: store,
    }),
    revokeMyApiKey: new RevokeMyApiKeyInteractor({ currentUser, keys: apiKeys, transactions: store, audit: store }),
    revokeUserApiKeys: new RevokeUserApiKeysInteractor({ ...writes, currentUser, keys: apiKeys }),
    myApiKeys: new MyApiKeysQuery({ currentUser, keys: apiKeys }),
    userApiKeys: new UserApiKeysQuery({ currentUser, users: store, keys: apiKeys }),
    beginPasskeyRegistration: new BeginPasskeyRegistrationInteractor({
      currentUser,
      confirmation,
      passkeys,
      challenges: passkeyChallenges,
      verifier: passkeyVerifier,
    }),
    finishPasskeyRegistration: new FinishPasskeyRegistrationInteractor({
      ...writes,
      currentUser,
      passkeys,
      challenges: passkeyChallenges,
      verifier: passkeyVerifier,
      accessRevoker: revoker,
      ids,
      clock,
    }),
    renamePasskey: new RenamePasskeyInteractor({ currentUser, passkeys }),
    removePasskey: new RemovePasskeyInteractor({
      ...writes,
      currentUser,
      confirmation,
      enrolment,
      passkeys,
      accessRevoker: revoker,
      clock,
    }),
    beginPasskeyLogIn: new BeginPasskeyLogInInteractor({
      identity,
      challenges: passkeyChallenges,
      verifier: passkeyVerifier,
    }),
    finishPasskeyLogIn: new FinishPasskeyLogInInteractor({
      identity,
      users: store,
      passkeys,
      challenges: passkeyChallenges,
      verifier: passkeyVerifier,
      clock,
      audit: store,
    }),
    removeUserPasskeys: new RemoveUserPasskeysInteractor({
      ...writes,
      currentUser,
      passkeys,
      accessRevoker: revoker,
      clock,
    }),
    myPasskeys: new MyPasskeysQuery({ currentUser, passkeys }),
    userPasskeys: new UserPasskeysQuery({ currentUser, users: store, passkeys }),
  };

  return {
    store,
    identity,
    clock,
    hasher,
    userService,
    revoker,
    attempts,
    challenges,
    mfa,
    totp,
    cipher,
    codeGenerator,
    apiKeys,
    keyGenerator,
    passkeys,
    passkeyChallenges,
    passkeyVerifier,
    factorInventory,
    enrolment,
    secondFactor,
    seed,
    seedTotp,
    seedApiKey,
    seedPasskey,
    totpCode,
    actAs,
    useCases,
  };
}

export type World = ReturnType<typeof createWorld>;

/** Whom an action can target, as an actor sees them. */
export type TargetKind = "the super admin" | "an admin" | "a user" | "self";
export const TARGET_KINDS: readonly TargetKind[] = ["the super admin", "an admin", "a user", "self"];

/**
 * A world with the super admin, two admins and two users, acting as one of role
 * `actorRole`; "an admin" and "a user" are never the actor.
 */
export function worldOfEveryRole(actorRole: UserRole): {
  world: World;
  actor: User;
  targets: Record<TargetKind, User>;
} {
  const world = createWorld();
  const superAdmin = world.seed("root.admin", "super_admin");
  const admin = world.seed("first.admin", "admin");
  const otherAdmin = world.seed("other.admin", "admin");
  const user = world.seed("first.user", "user");
  const otherUser = world.seed("other.user", "user");
  const actor = { super_admin: superAdmin, admin, user }[actorRole];
  const targets: Record<TargetKind, User> = {
    "the super admin": superAdmin,
    "an admin": otherAdmin,
    "a user": actorRole === "user" ? otherUser : user,
    self: actor,
  };
  world.actAs(actor);
  return { world, actor, targets };
}

/** Refuses a few well-known passwords, as the real list of common ones would. */
export class FakePasswordPolicy implements PasswordPolicy {
  static readonly COMMON = ["password", "12345678", "iloveyou", "football"];

  async refusal(password: RawPassword): Promise<string | null> {
    return FakePasswordPolicy.COMMON.includes(password.value.toLowerCase()) ? "This password is too common." : null;
  }
}

/** The account's budget of password guesses: `budget` attempts, then FakeRateLimitedError. */
export class FakePasswordAttempts implements PasswordAttempts {
  readonly counts = new Map<string, number>();

  constructor(private readonly budget = 10) {}

  async count(username: Username): Promise<void> {
    const count = (this.counts.get(username.key) ?? 0) + 1;
    this.counts.set(username.key, count);
    if (count > this.budget) throw new FakeRateLimitedError();
  }

  async forgive(username: Username): Promise<void> {
    this.counts.delete(username.key);
  }
}

export class FakeRateLimitedError extends Error {}
