// Races (issue 11): many requests at once on one row, over HTTP, on SQLite and PostgreSQL.
// The hasher limiter and the throttles are opened wide so that what is measured is the race
// itself: every refusal below must come from the unit of work (unique key, optimistic lock)
// or from authentication, never from SERVICE_BUSY or RATE_LIMITED.
import { createPrismaClient, hashSessionToken, type PrismaClient } from "@gatehouse/infra";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startHarness, type Browser, type Harness, type Provider } from "../test/http-harness";
import { label, settle, tally, type Outcome } from "./support/outcome";

const SIGN_UPS = 200;

/** The harness's budgets are already relaxed; these keep the hasher from refusing anyone. */
const RACE_ENV = {
  // 200 hashes at once: 8 hashing, 8 × 32 = 256 allowed to queue, and a minute to wait.
  HASHER_MAX_CONCURRENCY: "8",
  HASHER_MAX_WAIT_MS: "60000",
  SIGNUP_MAX_PER_IP: "100000",
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000",
  LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
  // Each racing admin request sends its own X-Forwarded-For, which the audit log records
  // as its client IP: that ties every audit event to the request that caused it.
  TRUST_PROXY: "1",
};

type AdminOp = "grantAdmin" | "revokeAdmin" | "activate" | "deactivate";

const EVENT_OF: Record<AdminOp, string> = {
  grantAdmin: "user.admin_granted",
  revokeAdmin: "user.admin_revoked",
  activate: "user.activated",
  deactivate: "user.deactivated",
};

interface UserState {
  role: string;
  isActive: boolean;
}

/**
 * Applies change events in commit order and returns the state they lead to; throws when no
 * serial order explains them (a change recorded for a state that did not need it, which is
 * what a lost update looks like). Events of the same millisecond may have committed in
 * either order, so a group of equal timestamps only has to be explainable in some order.
 */
function replay(initial: UserState, events: ReadonlyArray<{ type: string; occurredAt: Date }>): UserState {
  const state = { ...initial };
  const groups = new Map<number, string[]>();
  for (const event of events)
    groups.set(event.occurredAt.getTime(), [...(groups.get(event.occurredAt.getTime()) ?? []), event.type]);
  for (const [at, types] of [...groups].sort(([a], [b]) => a - b)) {
    const count = (type: string) => types.filter((t) => t === type).length;
    // One dimension at a time: its changes must alternate, starting from the current value.
    const granted = count("user.admin_granted");
    const revoked = count("user.admin_revoked");
    const roleNet = state.role === "admin" ? revoked - granted : granted - revoked;
    if (roleNet !== 0 && roleNet !== 1)
      throw new Error(`role changes at ${at} cannot follow role ${state.role}: ${types.join(", ")}`);
    if (roleNet === 1) state.role = state.role === "admin" ? "user" : "admin";
    const deactivated = count("user.deactivated");
    const activated = count("user.activated");
    const activeNet = state.isActive ? deactivated - activated : activated - deactivated;
    if (activeNet !== 0 && activeNet !== 1)
      throw new Error(`activation changes at ${at} cannot follow isActive=${state.isActive}: ${types.join(", ")}`);
    if (activeNet === 1) state.isActive = !state.isActive;
  }
  return state;
}

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let s = seed;
  for (let i = result.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe.each<Provider>(["sqlite", "postgresql"])("races on %s", (provider) => {
  let harness: Harness;
  let db: PrismaClient;

  beforeAll(async () => {
    harness = await startHarness(RACE_ENV, provider);
    db = createPrismaClient(harness.database.url);
    await harness.bootstrapSuperAdmin();
  });

  afterAll(async () => {
    await db?.$disconnect();
    await harness?.close();
  });

  it(`${SIGN_UPS} concurrent sign-ups of one username: exactly one account, the rest 409 USERNAME_TAKEN`, async () => {
    // Case variants of one name: uniqueness is case-insensitive, under a race too.
    const names = ["race.target", "RACE.TARGET", "Race.Target", "race.TARGET"];
    const since = new Date();
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: SIGN_UPS }, (_, i) =>
        settle(() =>
          harness
            .browser()
            .client.account.signUp.mutate({ username: names[i % names.length]!, password: `password number ${i}` }),
        ),
      ),
    );
    const elapsed = performance.now() - started;
    const counts = tally(outcomes);
    console.info(
      `[races/${provider}] ${SIGN_UPS} concurrent sign-ups of one username in ${elapsed.toFixed(0)} ms: ${JSON.stringify(counts)}`,
    );

    expect(counts).toEqual({ ok: 1, "409 USERNAME_TAKEN": SIGN_UPS - 1 });
    const winner = outcomes.findIndex((outcome) => outcome.ok);
    const { id } = (outcomes[winner] as Extract<Outcome<{ id: string }>, { ok: true }>).value;

    const rows = await db.user.findMany({ where: { usernameKey: "race.target" } });
    expect(rows.map((row) => row.id)).toEqual([id]);
    expect(rows[0]).toMatchObject({ username: names[winner % names.length], version: 0, role: "user", isActive: true });
    // The losers left nothing behind: no other account, no audit event of theirs.
    expect(await db.user.count({ where: { createdAt: { gte: since } } })).toBe(1);
    const signedUp = await db.auditEvent.findMany({ where: { type: "user.signed_up", occurredAt: { gte: since } } });
    expect(signedUp.map((event) => event.targetId)).toEqual([id]);
    // Exactly the winner's password opens the account.
    const logIn = (password: string) =>
      settle(() => harness.browser().client.account.logIn.mutate({ username: "race.target", password }));
    expect(label(await logIn(`password number ${winner}`))).toBe("ok");
    expect(label(await logIn(`password number ${(winner + 1) % SIGN_UPS}`))).toBe("401 INVALID_CREDENTIALS");
  });

  it("grant/revoke/activate/deactivate storms on one user: no lost update, one version and one audit event per change", async () => {
    const admin = await harness.loggedIn("root.admin");
    const { id } = await harness
      .browser()
      .client.account.signUp.mutate({ username: "storm.target", password: PASSWORD });
    const targetSession = await harness.loggedIn("storm.target");
    const before = await db.user.findUniqueOrThrow({ where: { id } });

    // Three waves of 40 requests, each wave all at once; every request from its own "IP".
    const waves = 3;
    const perWave = 40;
    const ops: AdminOp[] = ["grantAdmin", "revokeAdmin", "activate", "deactivate"];
    const plan: AdminOp[] = [];
    const outcomes: Array<Outcome<unknown>> = [];
    const ipOf = (i: number) => `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const asAdminFrom = (i: number): Browser => {
      const browser = harness.browser({ forwardedFor: ipOf(i) });
      for (const [name, value] of admin.cookies) browser.cookies.set(name, value);
      return browser;
    };
    for (let wave = 0; wave < waves; wave++) {
      const wavePlan = shuffled(
        Array.from({ length: perWave }, (_, i) => ops[i % ops.length]!),
        wave + 1,
      );
      const first = plan.length;
      plan.push(...wavePlan);
      outcomes.push(
        ...(await Promise.all(
          wavePlan.map((op, k) => {
            const users = asAdminFrom(first + k).client.users;
            return settle(() => users[op].mutate({ userId: id }));
          }),
        )),
      );
    }

    const after = await db.user.findUniqueOrThrow({ where: { id } });
    const events = await db.auditEvent.findMany({
      where: { targetId: id, type: { in: Object.values(EVENT_OF) } },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    const byOp: Record<string, Record<string, number>> = {};
    plan.forEach((op, i) => {
      byOp[op] ??= {};
      byOp[op][label(outcomes[i]!)] = (byOp[op][label(outcomes[i]!)] ?? 0) + 1;
    });
    console.info(
      `[races/${provider}] ${plan.length} concurrent admin changes on one user: ${JSON.stringify(tally(outcomes))} ` +
        `(${JSON.stringify(byOp)}); ${events.length} changes committed, version ${before.version} -> ${after.version}, ` +
        `final role=${after.role} isActive=${after.isActive}`,
    );

    // Each request either did what it was asked (or found it done) or was refused cleanly.
    for (const outcome of outcomes) expect(["ok", "409 CONCURRENT_UPDATE"]).toContain(label(outcome));
    // Every committed change is one acknowledged request's, of its kind; a refused one left nothing.
    const seen = new Set<number>();
    for (const event of events) {
      const i = plan.findIndex((_, k) => ipOf(k) === event.clientIp);
      expect(i, `audit event ${event.type} from ${event.clientIp}`).toBeGreaterThanOrEqual(0);
      expect(EVENT_OF[plan[i]!]).toBe(event.type);
      expect(label(outcomes[i]!)).toBe("ok");
      expect(seen.has(i)).toBe(false);
      seen.add(i);
    }
    // One version step per change, and the row is where some serial order of the changes leads.
    expect(after.version - before.version).toBe(events.length);
    expect(replay({ role: before.role, isActive: before.isActive }, events)).toEqual({
      role: after.role,
      isActive: after.isActive,
    });
    expect(events.length).toBeGreaterThan(1);
    // A deactivation ended the target's sessions, whatever happened after it.
    if (events.some((event) => event.type === "user.deactivated")) {
      expect(await db.session.count({ where: { userId: id } })).toBe(0);
      expect(label(await settle(() => targetSession.client.account.me.query()))).toBe("401 NOT_AUTHENTICATED");
    }
    // And the API reads back the same state.
    expect(await admin.client.users.get.query({ userId: id })).toMatchObject({
      role: after.role,
      isActive: after.isActive,
    });
  });

  it("change-password from two sessions at once: one wins, its session stays, the others end, only its password works", async () => {
    const rounds = 4;
    const losers: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const username = `pw.racer${round}`;
      const { id } = await harness.browser().client.account.signUp.mutate({ username, password: PASSWORD });
      const [a, b, bystander] = [
        await harness.loggedIn(username),
        await harness.loggedIn(username),
        await harness.loggedIn(username),
      ];
      const before = await db.user.findUniqueOrThrow({ where: { id } });
      const newPassword = { a: `new password A ${round}`, b: `new password B ${round}` };

      const [outcomeA, outcomeB] = await Promise.all([
        settle(() => a.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: newPassword.a })),
        settle(() => b.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: newPassword.b })),
      ]);
      expect([outcomeA.ok, outcomeB.ok].filter(Boolean)).toHaveLength(1);
      const [winner, loser, winnerPassword, loserPassword, lost] = outcomeA.ok
        ? [a, b, newPassword.a, newPassword.b, outcomeB]
        : [b, a, newPassword.b, newPassword.a, outcomeA];
      losers.push(label(lost));
      // A clean refusal: the row moved under it, its current password no longer holds, or its session was ended.
      expect(["409 CONCURRENT_UPDATE", "403 CURRENT_PASSWORD_INVALID", "401 NOT_AUTHENTICATED"]).toContain(label(lost));

      expect(await db.session.count({ where: { userId: id } })).toBe(1);
      expect(await winner.client.account.me.query()).toMatchObject({ id });
      expect(label(await settle(() => loser.client.account.me.query()))).toBe("401 NOT_AUTHENTICATED");
      expect(label(await settle(() => bystander.client.account.me.query()))).toBe("401 NOT_AUTHENTICATED");

      const after = await db.user.findUniqueOrThrow({ where: { id } });
      expect(after.version).toBe(before.version + 1);
      expect(await db.auditEvent.count({ where: { type: "user.password_changed", targetId: id } })).toBe(1);

      const logIn = (password: string) =>
        settle(() => harness.browser().client.account.logIn.mutate({ username, password }));
      expect(label(await logIn(loserPassword))).toBe("401 INVALID_CREDENTIALS");
      expect(label(await logIn(PASSWORD))).toBe("401 INVALID_CREDENTIALS");
      expect(label(await logIn(winnerPassword))).toBe("ok");
    }
    console.info(
      `[races/${provider}] change-password from two sessions, ${rounds} rounds: one winner each; losers got ${JSON.stringify(losers)}`,
    );
  });

  it.each(["change password", "admin set-password", "deactivate"] as const)(
    "log-ins racing a credential change (%s): no session made from the old credential survives it",
    async (change) => {
      const root = await harness.loggedIn("root.admin");
      const username = `race.${change.replace(/[^a-z]/g, "")}`.slice(0, 20);
      const { id } = await root.client.users.create.mutate({ username, password: PASSWORD, role: "user" });
      const changer = change === "change password" ? await harness.loggedIn(username) : null;
      const keep = changer ? changer.cookies.get("gatehouse_session")! : null;

      // Log-in loops with the old password, running before, during and after the change.
      let changed = false;
      const madeBefore: string[] = [];
      const madeAfter: string[] = [];
      // The change starts once six log-ins have succeeded (not after a fixed time, which a busy
      // machine may spend on one hash), so the loops are mid-flight when it lands.
      let sixMade!: () => void;
      const sixMadeBefore = new Promise<void>((resolve) => (sixMade = resolve));
      const loop = async () => {
        for (let stopAt = Infinity; performance.now() < stopAt;) {
          const browser = harness.browser();
          const outcome = await settle(() => browser.client.account.logIn.mutate({ username, password: PASSWORD }));
          if (outcome.ok) (changed ? madeAfter : madeBefore).push(browser.cookies.get("gatehouse_session")!);
          if (madeBefore.length === 6) sixMade();
          if (changed && stopAt === Infinity) stopAt = performance.now() + 150;
        }
      };
      const loops = Array.from({ length: 6 }, loop);
      await sixMadeBefore;
      if (change === "change password") {
        await changer!.client.account.changePassword.mutate({
          currentPassword: PASSWORD,
          newPassword: "a brand new password",
        });
      } else if (change === "admin set-password") {
        await root.client.users.setPassword.mutate({ userId: id, password: "a brand new password" });
      } else {
        await root.client.users.deactivate.mutate({ userId: id });
      }
      changed = true;
      await Promise.all(loops);

      // The race was real: log-ins with the old password were succeeding until the change.
      expect(madeBefore.length).toBeGreaterThan(5);
      // Whatever they made, only the changer's own session is left, in the database and at the door.
      const left = await db.session.findMany({ where: { userId: id } });
      expect(left.map((session) => session.id)).toEqual(keep ? [hashSessionToken(keep)] : []);
      for (const token of [...madeBefore, ...madeAfter]) {
        const holder = harness.browser();
        holder.cookies.set("gatehouse_session", token);
        expect(label(await settle(() => holder.client.account.me.query()))).toBe("401 NOT_AUTHENTICATED");
      }
      console.info(
        `[races/${provider}] ${change}: ${madeBefore.length} log-ins before it, ${madeAfter.length} reported after it, 0 sessions left from them`,
      );
    },
  );
});
