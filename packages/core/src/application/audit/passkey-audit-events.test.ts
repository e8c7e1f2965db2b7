import { beforeEach, describe, expect, it } from "vitest";
import { assertionResponse, createWorld, type World } from "../../../test/in-memory-fakes";
import { AUDIT_EVENT_TYPES, LOG_IN_METHODS } from "./audit-event";

let world: World;

beforeEach(() => {
  world = createWorld();
});

describe("passkey audit events", () => {
  it("are event types of the audit log", () => {
    expect(AUDIT_EVENT_TYPES).toEqual(expect.arrayContaining(["passkey.added", "passkey.removed"]));
  });

  it("name every way a log-in is made", () => {
    expect(LOG_IN_METHODS).toEqual(["password", "totp", "recovery_code", "passkey"]);
  });

  it.each(["passkey.added", "passkey.removed"] as const)("admins can list the %s events", async (type) => {
    await world.store.recordNow({ type, actorId: null, targetId: null });
    await world.store.recordNow({ type: "user.logged_in", actorId: null, targetId: null, method: "password" });
    world.actAs(world.seed("an.admin", "admin"));

    const { items } = await world.useCases.listAuditEvents.execute({ type });
    expect(items.map((item) => ({ type: item.type, method: item.method }))).toEqual([{ type, method: null }]);
  });

  it("admins read a failed passkey log-in with its method and whose passkey it was", async () => {
    const user = world.seed("a.user");
    const passkey = world.seedPasskey(user);
    const { challenge } = await world.useCases.beginPasskeyLogIn.execute();
    await expect(
      world.useCases.finishPasskeyLogIn.execute({
        response: assertionResponse(challenge, passkey.credentialId, { userVerified: false }),
      }),
    ).rejects.toMatchObject({ code: "PASSKEY_REJECTED" });
    world.actAs(world.seed("an.admin", "admin"));

    const { items } = await world.useCases.listAuditEvents.execute({ type: "user.login_failed" });
    expect(items).toMatchObject([
      { type: "user.login_failed", actorId: null, targetId: user.id, targetUsername: "a.user", method: "passkey" },
    ]);
  });
});
