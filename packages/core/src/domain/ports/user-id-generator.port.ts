import type { UserId } from "../user/user.entity";

export interface UserIdGenerator {
  next(): UserId;
}
