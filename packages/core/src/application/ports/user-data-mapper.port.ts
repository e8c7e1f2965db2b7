import type { User, UserId } from "../../domain/user/user.entity";
import type { Username } from "../../domain/user/username.value-object";

/**
 * The command side's access to users. `add` and `update` only register the change with
 * the unit of work; nothing is written before `TransactionManager.run` commits the work
 * that registered it.
 */
export interface UserDataMapper {
  add(user: User): void;
  /** Registers a changed user; saving fails if someone else saved it since it was read. */
  update(user: User): void;
  readById(id: UserId): Promise<User | null>;
  readByUsername(username: Username): Promise<User | null>;
}
