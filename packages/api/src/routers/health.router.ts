import { publicProcedure, router } from "../trpc/init";

export const healthRouter = router({
  /** 200 `{ status: "ok", database: "ok" }`, or 503 SERVICE_UNAVAILABLE when the database is down. */
  check: publicProcedure.query(async ({ ctx }) => {
    await ctx.scope.checkDatabase();
    return { status: "ok", database: "ok" } as const;
  }),
});
