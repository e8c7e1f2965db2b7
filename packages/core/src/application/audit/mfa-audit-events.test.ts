import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type World } from "../../../test/in-memory-fakes";
import { AUDIT_EVENT_TYPES } from "./audit-event";

const MFA_EVENT_TYPES = [
  "mfa.enabled",
  "mfa.disabled",
  "mfa.reset",
  "mfa.recovery_code_used",
  "mfa.recovery_codes_regenerated",
  "login.mfa_failed",
] as const;

let world: World;

beforeEach(() => {
  world = createWorld();
  world.actAs(world.seed("an.admin", "admin"));
});

describe("two-factor audit events", () => {
  it("are event types of the audit log", () => {
    expect(AUDIT_EVENT_TYPES).toEqual(expect.arrayContaining([...MFA_EVENT_TYPES]));
  });

  it.each(MFA_EVENT_TYPES)("admins can list the %s events", async (type) => {
    await world.store.recordNow({ type, actorId: null, targetId: null });
    await world.store.recordNow({ type: "user.logged_in", actorId: null, targetId: null });

    const { items } = await world.useCases.listAuditEvents.execute({ type });
    expect(items.map((item) => item.type)).toEqual([type]);
  });
});
