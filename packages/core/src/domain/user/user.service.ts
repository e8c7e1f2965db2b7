import type { Clock } from "../ports/clock.port";
import type { IdGenerator } from "../ports/id-generator.port";
import type { PasswordHasher } from "../ports/password-hasher.port";
import type { RawPassword } from "./raw-password.value-object";
import { User } from "./user.entity";
import { UserId } from "./user-id.value-object";
import type { AssignableRole, UserRole } from "./user-role";
import type { Username } from "./username.value-object";

/** The rules about users that need more than one user's own data: hashing, ids, time. */
export class UserService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** A new, active user. Only `user` and `admin` can be given; nobody is created a super admin. */
  createUser(username: Username, password: RawPassword, role: AssignableRole = "user"): Promise<User> {
    return this.newUser(username, password, role);
  }

  /** The one super admin, made when Gatehouse is set up (see BootstrapSuperAdminInteractor). */
  createSuperAdmin(username: Username, password: RawPassword): Promise<User> {
    return this.newUser(username, password, "super_admin");
  }

  private async newUser(username: Username, password: RawPassword, role: UserRole): Promise<User> {
    const passwordHash = await this.hasher.hash(password);
    const now = this.clock.now();
    return new User({
      id: UserId.create(this.ids.next()),
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

  async changePassword(user: User, password: RawPassword): Promise<void> {
    user.changePasswordHash(await this.hasher.hash(password), this.clock.now());
  }

  /** Returns whether anything changed; throws for a super admin. */
  setActivation(user: User, isActive: boolean): boolean {
    return user.changeActivation(isActive, this.clock.now());
  }

  /** Returns whether anything changed; throws for a super admin. */
  grantAdmin(user: User): boolean {
    return user.changeRole("admin", this.clock.now());
  }

  /** Returns whether anything changed; throws for a super admin. */
  revokeAdmin(user: User): boolean {
    return user.changeRole("user", this.clock.now());
  }
}
