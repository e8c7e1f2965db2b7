import { ActivationChangeNotPermittedError, RoleChangeNotPermittedError } from "../errors/domain-error";
import type { UserId } from "./user-id.value-object";
import type { AssignableRole, UserRole } from "./user-role";
import type { Username } from "./username.value-object";

export type { UserId };

/** An encoded password hash (PHC string); branded so a raw password never fits here. */
export type PasswordHash = string & { readonly __brand: "PasswordHash" };

export interface UserProps {
  id: UserId;
  username: Username;
  passwordHash: PasswordHash;
  role: UserRole;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The version the entity was read at; persistence checks and bumps it on every save. */
  version: number;
}

/**
 * A person with an account. Changes go through methods that keep the rules: a super
 * admin's role and activation never change. Each change method returns whether anything
 * changed, so that repeating a command is harmless (idempotent).
 */
export class User {
  readonly id: UserId;
  readonly username: Username;
  readonly createdAt: Date;
  readonly version: number;
  private _passwordHash: PasswordHash;
  private _role: UserRole;
  private _isActive: boolean;
  private _updatedAt: Date;

  constructor(props: UserProps) {
    this.id = props.id;
    this.username = props.username;
    this.createdAt = props.createdAt;
    this.version = props.version;
    this._passwordHash = props.passwordHash;
    this._role = props.role;
    this._isActive = props.isActive;
    this._updatedAt = props.updatedAt;
  }

  get passwordHash(): PasswordHash {
    return this._passwordHash;
  }

  get role(): UserRole {
    return this._role;
  }

  get isActive(): boolean {
    return this._isActive;
  }

  get updatedAt(): Date {
    return this._updatedAt;
  }

  get isSuperAdmin(): boolean {
    return this._role === "super_admin";
  }

  /** Throws `RoleChangeNotPermittedError` for a super admin. */
  assertRoleCanChange(): void {
    if (this.isSuperAdmin) throw new RoleChangeNotPermittedError();
  }

  /** Throws `ActivationChangeNotPermittedError` for a super admin. */
  assertActivationCanChange(): void {
    if (this.isSuperAdmin) throw new ActivationChangeNotPermittedError();
  }

  changeRole(role: AssignableRole, now: Date): boolean {
    this.assertRoleCanChange();
    if (this._role === role) return false;
    this._role = role;
    this._updatedAt = now;
    return true;
  }

  changeActivation(isActive: boolean, now: Date): boolean {
    this.assertActivationCanChange();
    if (this._isActive === isActive) return false;
    this._isActive = isActive;
    this._updatedAt = now;
    return true;
  }

  changePasswordHash(passwordHash: PasswordHash, now: Date): void {
    this._passwordHash = passwordHash;
    this._updatedAt = now;
  }

  /**
   * A second factor was added, removed or renewed. Saving the user then bumps its version,
   * which is what ends a log-in in flight (its challenge, or the session it was about to
   * start) that checked the credentials as they were.
   */
  markFactorsChanged(now: Date): void {
    this._updatedAt = now;
  }
}
