import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_RETENTION_DAYS, createWorld, type World } from "../../../test/in-memory-fakes";

const DAY_MS = 86_400_000;
let world: World;

beforeEach(() => {
  world = createWorld();
});

/** Puts an event that occurred `daysAgo` days before `now` straight into the log; returns its id. */
function eventAt(daysAgo: number, now: Date): string {
  const id = `event-${daysAgo}`;
  world.store.events.push({
    id,
    occurredAt: new Date(now.getTime() - daysAgo * DAY_MS),
    type: "user.logged_in",
    actorId: null,
    actorUsername: null,
    targetId: null,
    targetUsername: null,
    attemptedUsername: null,
    method: "password",
    clientIp: null,
    requestId: null,
  });
  return id;
}

describe("PurgeAuditEventsInteractor", () => {
  it("deletes the events older than the retention, by the clock, and says which time it cut at", async () => {
    const now = world.clock.now();
    eventAt(AUDIT_RETENTION_DAYS + 10, now);
    eventAt(AUDIT_RETENTION_DAYS + 0.001, now);
    const onTheEdge = eventAt(AUDIT_RETENTION_DAYS, now);
    const recent = eventAt(1, now);

    const result = await world.useCases.purgeAuditEvents.execute();

    expect(result).toEqual({ deleted: 2, before: new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS) });
    expect(world.store.events.map((event) => event.id)).toEqual([onTheEdge, recent]);
  });

  it("cuts relative to the clock's time, not the machine's", async () => {
    world.clock.advance(1000 * DAY_MS);
    const { before } = await world.useCases.purgeAuditEvents.execute();
    expect(before).toEqual(new Date(world.clock.now().getTime() - AUDIT_RETENTION_DAYS * DAY_MS));
  });

  it("deletes nothing when every event is recent", async () => {
    eventAt(0, world.clock.now());
    expect(await world.useCases.purgeAuditEvents.execute()).toMatchObject({ deleted: 0 });
    expect(world.store.events).toHaveLength(1);
  });
});
