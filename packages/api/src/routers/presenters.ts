import type { UserListItem } from "@gatehouse/core";

/** A user row as the API sends it: plain JSON, the date as an ISO string. */
export function presentUser(user: UserListItem) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
  };
}
