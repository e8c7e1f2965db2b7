// Client-safe entry point: types and constants only. Server code: "@gatehouse/api/server".
export type { AppRouter } from "./routers/app.router";
export { APP_CODES, type AppCode, type AppErrorData } from "./app-codes";
export { API_ENDPOINT, MAX_BATCH_CALLS } from "./http/api-endpoint";
export { AUDIT_EVENT_TYPES, type AuditEventType } from "@gatehouse/core";
