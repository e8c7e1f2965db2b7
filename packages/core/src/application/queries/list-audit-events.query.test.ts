import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import type { User } from "../../domain/user/user.entity";

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

  it.each([
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

  it("is for admins only", async () => {
    world.actAs(world.seed("plain.user"));
    await expect(world.useCases.listAuditEvents.execute()).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
  });
});
