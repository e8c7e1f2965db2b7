// Client-safe entry point: types and constants only. Server code: "@gatehouse/api/server".
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./routers/app.router";

export type { AppRouter };
/** What each procedure takes and returns, e.g. `RouterOutputs["users"]["list"]["items"][number]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { APP_CODES, type AppCode, type AppErrorData } from "./app-codes";
export { API_ENDPOINT, MAX_BATCH_CALLS } from "./http/api-endpoint";
export { AUDIT_EVENT_TYPES, type AuditEventType } from "@gatehouse/core";
// The roles and the hierarchy, stated once in core: clients read them, never restate them.
export {
  ADMINISTRATOR_ROLES,
  ASSIGNABLE_ROLES,
  MANAGED_ROLES,
  USER_ROLES,
  type AssignableRole,
  type UserActions,
  type UserRole,
} from "@gatehouse/core";
// Who must have two-factor (REQUIRE_MFA): the one rule the use cases apply, for pages to follow.
export { mfaRequiredFor, type MfaRequirement } from "@gatehouse/core";
