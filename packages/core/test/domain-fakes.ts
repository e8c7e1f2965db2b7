// Fakes of the domain's own ports, and a user factory: they import the domain only, so the
// domain's tests stay inside the domain.
import type { Clock } from "../src/domain/ports/clock.port";
import type { IdGenerator } from "../src/domain/ports/id-generator.port";
import type { PasswordHasher } from "../src/domain/ports/password-hasher.port";
import { RawPassword } from "../src/domain/user/raw-password.value-object";
import { User, type PasswordHash } from "../src/domain/user/user.entity";
import type { UserId } from "../src/domain/user/user-id.value-object";
import type { UserRole } from "../src/domain/user/user-role";
import { Username } from "../src/domain/user/username.value-object";

/** Reversible "hash": enough to check that the core hashes and verifies, nothing more. */
export class FakePasswordHasher implements PasswordHasher {
  verifications = 0;
  hashes = 0;

  async hash(password: RawPassword): Promise<PasswordHash> {
    this.hashes += 1;
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

/** Ids in order, each a valid user id (a UUID). */
export class SequentialIdGenerator implements IdGenerator {
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

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A stored-looking user whose password is "correct horse". */
export function makeUser(
  username: string,
  role: UserRole = "user",
  { id = new SequentialIdGenerator().next(), isActive = true, createdAt = new Date("2026-01-01T00:00:00.000Z") } = {},
): User {
  return new User({
    id,
    username: Username.create(username),
    passwordHash: `hashed:${RawPassword.create("correct horse").value}` as PasswordHash,
    role,
    isActive,
    createdAt,
    updatedAt: createdAt,
    version: 0,
  });
}
