import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@gatehouse/infra";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "./http-harness";

describe.each<Provider>(["sqlite", "postgresql"])("the audit log over HTTP on %s", (provider) => {
  let harness: Harness;
  let root: Browser;
  let rootId: string;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    rootId = await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin");
  });

  afterAll(async () => {
    await harness.close();
  });

  it("records admin actions with actor, target, client and request id, newest first", async () => {
    const { id } = await root.client.users.create.mutate({ username: "audited", password: PASSWORD, role: "user" });
    await root.client.users.deactivate.mutate({ userId: id });
    await failureOf(harness.browser().client.account.logIn.mutate({ username: "Audited", password: "wrong horse" }));

    const { items } = await root.client.audit.list.query({ targetId: id });
    expect(items.map((e) => e.type)).toEqual(["user.login_failed", "user.deactivated", "user.created"]);
    expect(items[1]).toMatchObject({
      actorId: rootId,
      targetId: id,
      clientIp: "127.0.0.1",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: expect.stringMatching(/Z$/),
    });
    expect(items[0]).toMatchObject({ actorId: null, attemptedUsername: "audited" });
  });

  it("pages with a cursor and filters by type, actor and time", async () => {
    // Its own events, so that it holds alone or after any other test: a log-in of root's and
    // three creations (at least four events in all).
    await harness.loggedIn("root.admin");
    for (const name of ["paged.one", "paged.two", "paged.three"])
      await root.client.users.create.mutate({ username: name, password: PASSWORD, role: "user" });

    const all = await root.client.audit.list.query({ limit: 100 });
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    // Paging by two walks exactly the same events, in the same order, none twice.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await root.client.audit.list.query({
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.id));

    const logins = await root.client.audit.list.query({ type: "user.logged_in", actorId: rootId });
    const expectedLogins = all.items.filter((e) => e.type === "user.logged_in" && e.actorId === rootId);
    expect(expectedLogins.length).toBeGreaterThanOrEqual(1);
    expect(logins.items.map((e) => e.id)).toEqual(expectedLogins.map((e) => e.id));
    const created = await root.client.audit.list.query({ type: "user.created", actorId: rootId });
    expect(created.items.map((e) => e.id)).toEqual(
      all.items.filter((e) => e.type === "user.created" && e.actorId === rootId).map((e) => e.id),
    );
    expect((await root.client.audit.list.query({ from: "2999-01-01" })).items).toEqual([]);
    expect((await root.client.audit.list.query({ to: "2000-01-01" })).items).toEqual([]);
  });

  it("names each event's people and filters by username and by one user's history", async () => {
    const { id } = await root.client.users.create.mutate({ username: "Named.One", password: PASSWORD, role: "user" });
    const named = await harness.loggedIn("named.one");
    await named.client.account.logOut.mutate();

    const history = await root.client.audit.list.query({ userId: id });
    expect(history.items.map((e) => [e.type, e.actorUsername, e.targetUsername])).toEqual([
      ["user.logged_out", "Named.One", "Named.One"],
      ["user.logged_in", "Named.One", "Named.One"],
      ["user.created", "root.admin", "Named.One"],
    ]);
    const asTarget = await root.client.audit.list.query({ targetUsername: "NAMED.ONE", type: "user.created" });
    expect(asTarget.items.map((e) => e.id)).toEqual([history.items[2]!.id]);
    const asActor = await root.client.audit.list.query({ actorUsername: "named.one" });
    expect(asActor.items.map((e) => e.id)).toEqual([history.items[0]!.id, history.items[1]!.id]);
    expect((await root.client.audit.list.query({ actorUsername: "nobody.here" })).items).toEqual([]);
  });

  it("names bad filters", async () => {
    const failure = await failureOf(
      root.client.audit.list.query({ type: "nope", from: "soon", actorUsername: "no", userId: "someone" }),
    );
    expect(failure.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
    expect(Object.keys(failure.data.fieldErrors!).sort()).toEqual(["actorUsername", "from", "type", "userId"]);
  });

  it("cannot be purged over HTTP", async () => {
    const overHttp = await fetch(`${harness.url}/api/trpc/system.purgeAudit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(overHttp.status).toBe(404);
  });
});

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

describe.each<Provider>(["sqlite", "postgresql"])("the audit purge (AUDIT_RETENTION_DAYS) on %s", (provider) => {
  // Events written straight into the table at known ages around the cutoff: the purge must
  // delete exactly those older than the retention, and say how many. A minute either side of
  // the cutoff: a cutoff off by an hour, a day or a unit (seconds for milliseconds) fails.
  it.each([
    ["the default of 365 days", {}, 365],
    ["AUDIT_RETENTION_DAYS=7", { AUDIT_RETENTION_DAYS: "7" }, 7],
  ])("deletes exactly the events older than %s, and counts them", async (_label, env, days) => {
    const harness = await startHarness(env, provider);
    const prisma = createPrismaClient(harness.database.url);
    try {
      const now = Date.now();
      const retention = days * DAY_MS;
      const ages = {
        "ten years": 3_650 * DAY_MS,
        "retention and a day": retention + DAY_MS,
        "retention and a minute": retention + MINUTE_MS,
        "retention less a minute": retention - MINUTE_MS,
        "retention less a day": retention - DAY_MS,
        "an hour": 60 * MINUTE_MS,
      };
      const seeded: Record<string, string> = {};
      for (const [label, age] of Object.entries(ages)) {
        const id = randomUUID();
        seeded[label] = id;
        await prisma.auditEvent.create({
          data: { id, occurredAt: new Date(now - age), type: "user.logged_in", actorId: null, targetId: null },
        });
      }
      const old = ["ten years", "retention and a day", "retention and a minute"].map((label) => seeded[label]!);
      const kept = ["retention less a minute", "retention less a day", "an hour"].map((label) => seeded[label]!);
      const everyIdBefore = (await prisma.auditEvent.findMany({ select: { id: true } })).map((row) => row.id);
      expect(everyIdBefore.sort()).toEqual([...old, ...kept].sort());

      const calledAt = Date.now();
      const result = await harness.gatehouse.localCaller().system.purgeAudit();
      const answeredAt = Date.now();
      expect(result.deleted).toBe(3);
      const before = Date.parse(result.before);
      expect(before).toBeGreaterThanOrEqual(calledAt - retention);
      expect(before).toBeLessThanOrEqual(answeredAt - retention);

      const left = (await prisma.auditEvent.findMany({ select: { id: true } })).map((row) => row.id);
      expect(left.sort()).toEqual([...kept].sort());
      // Again: nothing older is left, so nothing more goes.
      expect(await harness.gatehouse.localCaller().system.purgeAudit()).toMatchObject({ deleted: 0 });
      expect(await prisma.auditEvent.count()).toBe(3);
    } finally {
      await prisma.$disconnect();
      await harness.close();
    }
  });
});
