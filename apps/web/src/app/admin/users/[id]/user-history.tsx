"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Pager } from "../../../../components/pager";
import { describeApiError } from "../../../../lib/api-error";
import { useTRPC } from "../../../../lib/trpc";
import { AuditEventsTable } from "../../audit/audit-events-table";

const PAGE_SIZE = 20;

/** What happened to and by one user (`audit.list { userId }`), newest first, a page at a time. */
export function UserHistory({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const events = useQuery({
    ...trpc.audit.list.queryOptions({ userId, limit: PAGE_SIZE, cursor: cursors.at(-1) ?? null }),
    placeholderData: keepPreviousData,
  });

  const placeholder = events.isPending ? (
    "Loading…"
  ) : events.isError ? (
    <span role="alert">{describeApiError(events.error).message}</span>
  ) : (
    "No events yet."
  );

  return (
    <>
      <AuditEventsTable
        events={events.isError ? undefined : events.data?.items}
        busy={events.isPending || events.isFetching || events.isPlaceholderData}
        placeholder={placeholder}
      />
      <Pager cursors={cursors} nextCursor={events.data?.nextCursor} onChange={setCursors} labels={["Newer", "Older"]} />
    </>
  );
}
