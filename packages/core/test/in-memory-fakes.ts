// In-memory fakes of the core's ports, for unit tests of the core only.
import {
  NotAuthenticatedError,
  UsernameTakenError,
  type AccountView,
  type Clock,
  type Flusher,
  type IdentityProvider,
  type PasswordHash,
  type PasswordHasher,
  type RawPassword,
  type TransactionManager,
  type User,
  type UserDataMapper,
  type UserId,
  type UserIdGenerator,
  type Username,
  type UserReader,
} from "../src/index";

/** Reversible "hash": enough to check that the core hashes and verifies, nothing more. */
export class FakePasswordHasher implements PasswordHasher {
  verifications = 0;

  async hash(password: RawPassword): Promise<PasswordHash> {
    return `hashed:${password.value}` as PasswordHash;
  }

  async verify(hash: PasswordHash, password: RawPassword): Promise<boolean> {
    this.verifications += 1;
    return hash === `hashed:${password.value}`;
  }

  async spendVerification(): Promise<void> {
    this.verifications += 1;
  }
}

export class SequentialIdGenerator implements UserIdGenerator {
  private counter = 0;

  next(): UserId {
    this.counter += 1;
    return `00000000-0000-7000-8000-${String(this.counter).padStart(12, "0")}` as UserId;
  }
}

export class FixedClock implements Clock {
  constructor(public current = new Date("2026-01-01T00:00:00.000Z")) {}

  now(): Date {
    return new Date(this.current);
  }
}

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

/**
 * A tiny in-memory database with a unit of work: `add` registers, `flush` writes (and
 * enforces the unique username), `run` commits or throws the flushed writes away.
 */
export class InMemoryUserStore implements UserDataMapper, Flusher, TransactionManager, UserReader {
  readonly committed = new Map<UserId, User>();
  private flushed = new Map<UserId, User>();
  private pending: User[] = [];

  add(user: User): void {
    this.pending.push(user);
  }

  async readById(id: UserId): Promise<User | null> {
    return this.flushed.get(id) ?? this.committed.get(id) ?? null;
  }

  async readByUsername(username: Username): Promise<User | null> {
    return this.all().find((user) => user.username.equals(username)) ?? null;
  }

  async flush(): Promise<void> {
    for (const user of this.pending.splice(0)) {
      if (this.all().some((other) => other.username.equals(user.username))) {
        throw new UsernameTakenError();
      }
      this.flushed.set(user.id, user);
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.flush();
      for (const [id, user] of this.flushed) this.committed.set(id, user);
      return result;
    } finally {
      this.flushed = new Map();
      this.pending = [];
    }
  }

  async readAccount(id: UserId): Promise<AccountView | null> {
    const user = this.committed.get(id);
    if (!user) return null;
    const { username, role, isActive, createdAt } = user;
    return { id, username: username.value, role, isActive, createdAt };
  }

  private all(): User[] {
    return [...this.committed.values(), ...this.flushed.values()];
  }
}
