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
    const first = await root.client.audit.list.query({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await root.client.audit.list.query({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]!.id);

    const logins = await root.client.audit.list.query({ type: "user.logged_in", actorId: rootId });
    expect(logins.items.length).toBeGreaterThanOrEqual(1);
    expect(logins.items.every((e) => e.type === "user.logged_in" && e.actorId === rootId)).toBe(true);
    expect((await root.client.audit.list.query({ from: "2999-01-01" })).items).toEqual([]);
  });

  it("names bad filters", async () => {
    const failure = await failureOf(root.client.audit.list.query({ type: "nope", from: "soon" }));
    expect(failure.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
    expect(Object.keys(failure.data.fieldErrors!).sort()).toEqual(["from", "type"]);
  });

  it("purges events older than the retention, only in process", async () => {
    const result = await harness.gatehouse.localCaller().system.purgeAudit();
    expect(result).toMatchObject({ deleted: 0, before: expect.any(String) }); // everything here is new
    const overHttp = await fetch(`${harness.url}/api/trpc/system.purgeAudit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(overHttp.status).toBe(404);
  });
});
