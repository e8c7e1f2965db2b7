import type { Metadata } from "next";
import { requireAdministrator } from "../../../server/require-administrator";
import { AuditLogView } from "./audit-log-view";
import { filtersFromQuery, queryOfFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdministrator();
  const filters = filtersFromQuery(await searchParams);
  // Keyed by the filters: following a link to other filters starts the view afresh.
  return <AuditLogView key={queryOfFilters(filters)} initialFilters={filters} />;
}
