import { router } from "../trpc/init";
import { accountRouter } from "./account.router";
import { healthRouter } from "./health.router";

export const appRouter = router({
  health: healthRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
