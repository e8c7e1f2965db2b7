import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import { AUDIT_EVENT_TYPES } from "../audit/audit-event";
import { encodeCursor } from "../common/cursor-codec";
import type { User } from "../../domain/user/user.entity";
import type { UserId } from "../../domain/user/user-id.value-object";

let world: World;
let root: User;
let admin: User;

beforeEach(() => {
  world = createWorld();
  root = world.seed("root.admin", "super_admin");
  admin = world.seed("an.admin", "admin");
});

describe("the audit log written by the use cases", () => {
  it("records every change with its actor and target, in the change's transaction", async () => {
    world.actAs(root);
    const { id } = await world.useCases.createUser.execute({
      username: "new.user",
      password: "correct horse",
      role: "user",
    });
    await world.useCases.grantAdmin.execute({ userId: id });
    await world.useCases.grantAdmin.execute({ userId: id }); // no change, no event
    await world.useCases.revokeAdmin.execute({ userId: id });
    await world.useCases.setUserPassword.execute({ userId: id, password: "another password" });
    await world.useCases.deactivateUser.execute({ userId: id });
    await world.useCases.activateUser.execute({ userId: id });
    await world.useCases.endUserSessions.execute({ userId: id });

    expect(world.store.events.map((e) => [e.type, e.actorId, e.targetId])).toEqual([
      ["user.created", root.id, id],
      ["user.admin_granted", root.id, id],
      ["user.admin_revoked", root.id, id],
      ["user.password_set", root.id, id],
      ["user.deactivated", root.id, id],
      ["user.activated", root.id, id],
      ["sessions.ended", root.id, id],
    ]);
  });

  it("records sign-up, password change and sessions ended by their owner", async () => {
    const { id } = await world.useCases.signUp.execute({ username: "self.made", password: "correct horse" });
    world.identity.userId = id;
    world.revoker.open(id, true);
    const other = world.revoker.open(id);
    await world.useCases.changePassword.execute({ currentPassword: "correct horse", newPassword: "battery staple" });
    world.revoker.open(id);
    await world.useCases.endMyOtherSessions.execute();
    const phone = world.revoker.open(id);
    await world.useCases.endMySession.execute({ sessionId: phone });
    await expect(world.useCases.endMySession.execute({ sessionId: other })).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });

    expect(world.store.events.map((e) => [e.type, e.actorId, e.targetId])).toEqual([
      ["user.signed_up", id, id],
      ["user.password_changed", id, id],
      ["sessions.ended", id, id],
      ["sessions.ended", id, id],
    ]);
  });

  it("writes no event when the change fails", async () => {
    world.actAs(root);
    world.seed("taken.name");
    await expect(
      world.useCases.createUser.execute({ username: "TAKEN.NAME", password: "correct horse", role: "user" }),
    ).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
    expect(world.store.events).toEqual([]);
  });
});

describe("ListAuditEventsQuery", () => {
  async function someEvents() {
    world.actAs(root);
    const ids: string[] = [];
    for (const name of ["user.one", "user.two", "user.three"]) {
      ids.push(
        (await world.useCases.createUser.execute({ username: name, password: "correct horse", role: "user" })).id,
      );
    }
    await world.useCases.deactivateUser.execute({ userId: ids[0]! });
    return ids;
  }

  it("pages newest first with a cursor, never skipping or repeating", async () => {
    await someEvents();
    world.actAs(admin);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof world.useCases.listAuditEvents.execute>> =
        await world.useCases.listAuditEvents.execute({ limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["event-000004", "event-000003", "event-000002", "event-000001"]);
  });

  it("filters by type, actor, target and time range", async () => {
    const ids = await someEvents();
    world.actAs(admin);
    const list = (request: Parameters<typeof world.useCases.listAuditEvents.execute>[0]) =>
      world.useCases.listAuditEvents.execute(request).then((page) => page.items.map((e) => e.type));

    expect(await list({ type: "user.deactivated" })).toEqual(["user.deactivated"]);
    expect(await list({ targetId: ids[0]! })).toEqual(["user.deactivated", "user.created"]);
    expect(await list({ actorId: admin.id })).toEqual([]);
    expect(await list({ actorId: root.id })).toHaveLength(4);
    expect(await list({ from: "2026-01-01T00:00:02Z", to: "2026-01-01T00:00:04Z" })).toEqual([
      "user.created",
      "user.created",
    ]);
  });

  it("filters by the actor's or the target's username in any case, and by a user's whole history", async () => {
    const [one] = await someEvents();
    world.actAs(admin);
    const list = (request: Parameters<typeof world.useCases.listAuditEvents.execute>[0]) =>
      world.useCases.listAuditEvents
        .execute(request)
        .then((page) => page.items.map((e) => [e.type, e.actorUsername, e.targetUsername]));

    expect(await list({ targetUsername: "USER.ONE" })).toEqual([
      ["user.deactivated", "root.admin", "user.one"],
      ["user.created", "root.admin", "user.one"],
    ]);
    expect(await list({ actorUsername: "Root.Admin" })).toHaveLength(4);
    expect(await list({ actorUsername: "an.admin" })).toEqual([]);
    expect(await list({ actorUsername: "nobody.here" })).toEqual([]);
    // as the actor or the target: user.one's own log-in and what root did to them
    await world.store.recordNow({ type: "user.logged_in", actorId: one as UserId, targetId: one as UserId });
    await world.store.recordNow({ type: "user.logged_in", actorId: admin.id, targetId: admin.id });
    expect(await list({ userId: one! })).toEqual([
      ["user.logged_in", "user.one", "user.one"],
      ["user.deactivated", "root.admin", "user.one"],
      ["user.created", "root.admin", "user.one"],
    ]);
  });

  it.each([
    [{ actorUsername: "x" }, "actorUsername"],
    [{ targetUsername: "has space" }, "targetUsername"],
    [{ userId: "someone" }, "userId"],
    [{ limit: 0 }, "limit"],
    [{ type: "user.exploded" }, "type"],
    [{ actorId: "someone" }, "actorId"],
    [{ targetId: "someone" }, "targetId"],
    [{ from: "yesterday" }, "from"],
    [{ to: "2026-13-45" }, "to"],
    [{ cursor: "###" }, "cursor"],
  ])("refuses %j naming %s", async (request, field) => {
    world.actAs(admin);
    const error = await world.useCases.listAuditEvents.execute(request).catch((e: { fieldErrors: object }) => e);
    expect(Object.keys((error as { fieldErrors: object }).fieldErrors)).toEqual([field]);
  });

  it("gives pages of exactly the limit, and a cursor only while events remain", async () => {
    await someEvents(); // four events
    world.actAs(admin);
    const first = await world.useCases.listAuditEvents.execute({ limit: 3 });
    expect(first.items.map((e) => e.id)).toEqual(["event-000004", "event-000003", "event-000002"]);
    expect(first.nextCursor).not.toBeNull();
    const last = await world.useCases.listAuditEvents.execute({ limit: 3, cursor: first.nextCursor });
    expect(last).toEqual({ items: [expect.objectContaining({ id: "event-000001" })], nextCursor: null });
    // a page that holds exactly what is left has no next page either
    expect(await world.useCases.listAuditEvents.execute({ limit: 4 })).toMatchObject({ nextCursor: null });
    expect((await world.useCases.listAuditEvents.execute({ limit: 4 })).items).toHaveLength(4);
  });

  it("takes limits from 1 to 100, 50 by default", async () => {
    await someEvents();
    world.actAs(admin);
    expect((await world.useCases.listAuditEvents.execute({ limit: 1 })).items).toHaveLength(1);
    expect((await world.useCases.listAuditEvents.execute({ limit: 100 })).items).toHaveLength(4);
    for (let i = 0; i < 60; i += 1)
      await world.store.recordNow({ type: "user.login_failed", actorId: null, targetId: null });
    expect((await world.useCases.listAuditEvents.execute()).items).toHaveLength(50);
    for (const limit of [0, 101, 1.5]) {
      await expect(world.useCases.listAuditEvents.execute({ limit })).rejects.toMatchObject({
        fieldErrors: { limit: ["Limit must be a whole number from 1 to 100."] },
      });
    }
  });

  it("names the allowed types and the date format when refusing them", async () => {
    world.actAs(admin);
    await expect(world.useCases.listAuditEvents.execute({ type: "user.exploded" })).rejects.toMatchObject({
      fieldErrors: { type: [`Type must be one of ${AUDIT_EVENT_TYPES.join(", ")}.`] },
    });
    expect(AUDIT_EVENT_TYPES.length).toBeGreaterThan(1);
    for (const from of ["yesterday", " 2026-01-01", "12026-01-01", "2026-01-01 00:00", "2026-02-30x"]) {
      await expect(world.useCases.listAuditEvents.execute({ from })).rejects.toMatchObject({
        fieldErrors: { from: ["Must be an ISO 8601 date or date-time, such as 2026-01-31T12:00:00Z."] },
      });
    }
  });

  it("takes a date alone or a date-time", async () => {
    await someEvents();
    world.actAs(admin);
    expect((await world.useCases.listAuditEvents.execute({ from: "2026-01-01", to: "2026-01-02" })).items).toHaveLength(
      4,
    );
    expect(
      (await world.useCases.listAuditEvents.execute({ from: "2026-01-01T00:00:03Z", to: "2026-01-01T00:00:04.000Z" }))
        .items,
    ).toHaveLength(1);
  });

  it.each([
    ["not a date", encodeCursor(["yesterday", "event-000001"])],
    ["a date not written as the list writes it", encodeCursor(["2026-01-01T00:00:01Z", "event-000001"])],
    ["one part", encodeCursor(["2026-01-01T00:00:01.000Z"])],
    ["three parts", encodeCursor(["2026-01-01T00:00:01.000Z", "event-000001", "x"])],
  ])("refuses a cursor holding %s", async (_label, cursor) => {
    world.actAs(admin);
    await expect(world.useCases.listAuditEvents.execute({ cursor })).rejects.toMatchObject({
      fieldErrors: { cursor: ["Cursor is not valid for this list; start again from the first page."] },
    });
  });

  it("is for admins only", async () => {
    world.actAs(world.seed("plain.user"));
    await expect(world.useCases.listAuditEvents.execute()).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
  });
});
