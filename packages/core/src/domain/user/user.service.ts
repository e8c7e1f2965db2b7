import type { Clock } from "../ports/clock.port";
import type { PasswordHasher } from "../ports/password-hasher.port";
import type { UserIdGenerator } from "../ports/user-id-generator.port";
import type { RawPassword } from "./raw-password.value-object";
import { User } from "./user.entity";
import type { AssignableRole } from "./user-role";
import type { Username } from "./username.value-object";

/** The rules about users that need more than one user's own data: hashing, ids, time. */
export class UserService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly ids: UserIdGenerator,
    private readonly clock: Clock,
  ) {}

  async createUser(
    username: Username,
    password: RawPassword,
    role: AssignableRole = "user",
  ): Promise<User> {
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock.now();
    return new User({
      id: this.ids.next(),
      username,
      passwordHash,
      role,
      isActive: true,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
  }

  verifyPassword(user: User, password: RawPassword): Promise<boolean> {
    return this.hasher.verify(user.passwordHash, password);
  }
}
