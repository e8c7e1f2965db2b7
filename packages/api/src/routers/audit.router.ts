import { publicProcedure, router } from "../trpc/init";
import { listAuditInput } from "./inputs";

export const auditRouter = router({
  /** Newest first; `nextCursor` continues. Admins and the super admin only. */
  list: publicProcedure.input(listAuditInput).query(async ({ ctx, input }) => {
    const page = await ctx.scope.listAuditEvents.execute(input ?? {});
    return {
      items: page.items.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }),
});
