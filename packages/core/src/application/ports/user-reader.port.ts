import type { UserId } from "../../domain/user/user.entity";
import type { UserRole } from "../../domain/user/user-role";

/** What a person sees of an account: a query model, not an entity. */
export interface AccountView {
  id: UserId;
  username: string;
  role: UserRole;
  isActive: boolean;
  createdAt: Date;
}

/** The query side's access to users, shaped for screens rather than for rules. */
export interface UserReader {
  readAccount(id: UserId): Promise<AccountView | null>;
}
