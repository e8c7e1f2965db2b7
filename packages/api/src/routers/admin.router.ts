import type { ActivityOverview, ActivitySeries } from "@gatehouse/core";
import { publicProcedure, router } from "../trpc/init";

/** A chart as plain JSON: every date an ISO string. */
function presentSeries(series: ActivitySeries) {
  return {
    bucket: series.bucket,
    start: series.start.toISOString(),
    end: series.end.toISOString(),
    buckets: series.buckets.map(({ start, ...counts }) => ({ start: start.toISOString(), ...counts })),
  };
}

function presentOverview(overview: ActivityOverview) {
  return {
    generatedAt: overview.generatedAt.toISOString(),
    last24Hours: presentSeries(overview.last24Hours),
    last7Days: presentSeries(overview.last7Days),
    activeSessions: overview.activeSessions,
    usersByRole: overview.usersByRole,
  };
}

export const adminRouter = router({
  /**
   * The console's first page: sign-ups, log-ins, failed log-ins and throttled attempts per UTC
   * hour (last 24) and day (last 7), live sessions now, users by role. Admins and the super admin only.
   */
  overview: publicProcedure.query(async ({ ctx }) => presentOverview(await ctx.scope.activityOverview.execute())),
});
