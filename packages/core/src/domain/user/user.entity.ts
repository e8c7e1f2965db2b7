import type { UserRole } from "./user-role";
import type { Username } from "./username.value-object";

/** UUIDv7 string; branded so that an arbitrary string is not mistaken for an id. */
export type UserId = string & { readonly __brand: "UserId" };

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
  /** Incremented by persistence on every saved change; guards against lost updates. */
  version: number;
}

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
}
