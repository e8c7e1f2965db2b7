import { publicProcedure, router } from "../trpc/init";
import { credentialsInput } from "./inputs";

/**
 * Operator procedures. This router is merged only into the in-process router
 * (`createGatehouse().localCaller()`), never into the HTTP one: whoever runs them already
 * has the server's configuration and database.
 */
export const systemRouter = router({
  bootstrapSuperAdmin: publicProcedure
    .input(credentialsInput)
    .mutation(({ ctx, input }) => ctx.scope.bootstrapSuperAdmin.execute(input)),

  /** Deletes audit events older than AUDIT_RETENTION_DAYS. */
  purgeAudit: publicProcedure.mutation(async ({ ctx }) => {
    const { deleted, before } = await ctx.scope.purgeAuditEvents.execute();
    return { deleted, before: before.toISOString() };
  }),
});
