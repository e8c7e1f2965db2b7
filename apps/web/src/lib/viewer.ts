import type { UserRole } from "@gatehouse/api";

/** The signed-in administrator looking at the console. */
export interface Viewer {
  role: UserRole;
}
