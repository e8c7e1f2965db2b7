import { router } from "../trpc/init";
import { accountRouter } from "./account.router";
import { adminRouter } from "./admin.router";
import { auditRouter } from "./audit.router";
import { healthRouter } from "./health.router";
import { systemRouter } from "./system.router";
import { usersRouter } from "./users.router";

/** The public API, served over HTTP at /api/trpc. */
export const appRouter = router({
  health: healthRouter,
  account: accountRouter,
  users: usersRouter,
  audit: auditRouter,
  admin: adminRouter,
});

/** The public API plus operator procedures, for in-process callers only (the CLI). */
export const localRouter = router({
  health: healthRouter,
  account: accountRouter,
  users: usersRouter,
  audit: auditRouter,
  admin: adminRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export type LocalRouter = typeof localRouter;
