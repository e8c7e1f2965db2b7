// Credentials under attack, over real HTTP: common passwords refused wherever a password is
// chosen, a signed-in caller's password checks counted against the account's budget, and
// log-in keeping its share of the hashing capacity under a flood of password changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failureOf,
  outcomeOf,
  PASSWORD,
  startHarness,
  type Browser,
  type Harness,
  type Provider,
} from "./http-harness";

const COMMON = ["password", "12345678", "iloveyou", "football", "Password1", "ＱＷＥＲＴＹ１２３"];

describe.each<Provider>(["sqlite", "postgresql"])("credentials over HTTP on %s", (provider) => {
  let harness: Harness;
  let root: Browser;

  beforeAll(async () => {
    // The documented default budget: 10 attempts per account.
    harness = await startHarness({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10" }, provider);
    await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin");
  });

  afterAll(() => harness.close());

  it("refuses the most common passwords at sign-up, change, admin create and admin set, naming the field", async () => {
    const { id: targetId } = await root.client.users.create.mutate({
      username: "common.target",
      password: PASSWORD,
      role: "user",
    });
    await root.client.users.create.mutate({ username: "common.changer", password: PASSWORD, role: "user" });
    const changer = await harness.loggedIn("common.changer");
    for (const password of COMMON) {
      const attempts = {
        password: [
          harness.browser().client.account.signUp.mutate({ username: "common.signup", password }),
          root.client.users.create.mutate({ username: "common.created", password, role: "user" }),
          root.client.users.setPassword.mutate({ userId: targetId, password }),
        ],
        newPassword: [
          changer.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: password }),
        ],
      };
      for (const [field, calls] of Object.entries(attempts)) {
        for (const call of calls) {
          const { data } = await failureOf(call);
          expect(data, password).toMatchObject({ httpStatus: 400, appCode: "VALIDATION_FAILED" });
          expect(data.fieldErrors?.[field]?.[0], password).toMatch(/most common/);
        }
      }
    }
    // Nothing was made or changed: the old passwords still work, no new account exists.
    expect(
      await outcomeOf(harness.browser().client.account.logIn.mutate({ username: "common.target", password: PASSWORD })),
    ).toBe("ok");
    expect(
      await outcomeOf(
        harness.browser().client.account.logIn.mutate({ username: "common.changer", password: PASSWORD }),
      ),
    ).toBe("ok");
    const created = await root.client.users.list.query({ search: "common.", includeTotal: true });
    expect(created.items.map((user) => user.username).sort()).toEqual(["common.changer", "common.target"]);
  });

  it("counts each current-password check against the account's log-in budget: the eleventh wrong guess is RATE_LIMITED", async () => {
    const { id } = await root.client.users.create.mutate({
      username: "stolen.session",
      password: PASSWORD,
      role: "user",
    });
    const thief = await harness.loggedIn("stolen.session");
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(
        await outcomeOf(
          thief.client.account.changePassword.mutate({
            currentPassword: `guess number ${i}`,
            newPassword: "a thief's new password",
          }),
        ),
      );
    }
    expect(outcomes).toEqual([...Array(10).fill("CURRENT_PASSWORD_INVALID"), "RATE_LIMITED"]);
    // The same budget as log-in: the owner cannot log in until the window ends either, and
    // the right password through the stolen session is refused too.
    const logIn = await failureOf(
      harness.browser().client.account.logIn.mutate({ username: "stolen.session", password: PASSWORD }),
    );
    expect(logIn.data).toMatchObject({ appCode: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    expect(
      await outcomeOf(
        thief.client.account.changePassword.mutate({
          currentPassword: PASSWORD,
          newPassword: "a thief's new password",
        }),
      ),
    ).toBe("RATE_LIMITED");
    // Each failed check is audited, and so is the tripped budget.
    const failed = await root.client.audit.list.query({
      type: "user.password_confirmation_failed",
      targetId: id,
      limit: 100,
    });
    expect(failed.items).toHaveLength(10);
    expect(failed.items.every((event) => event.actorId === id)).toBe(true);
    const tripped = await root.client.audit.list.query({ type: "throttle.tripped", limit: 100 });
    expect(tripped.items.filter((event) => event.attemptedUsername === "stolen.session").length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("forgives the count when the current password is right", async () => {
    await root.client.users.create.mutate({ username: "forgetful.one", password: PASSWORD, role: "user" });
    const owner = await harness.loggedIn("forgetful.one");
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) {
        expect(
          await outcomeOf(
            owner.client.account.changePassword.mutate({
              currentPassword: `not it ${i}`,
              newPassword: `new password ${round}`,
            }),
          ),
        ).toBe("CURRENT_PASSWORD_INVALID");
      }
      const current = round === 0 ? PASSWORD : `new password ${round - 1}`;
      expect(
        await outcomeOf(
          owner.client.account.changePassword.mutate({
            currentPassword: current,
            newPassword: `new password ${round}`,
          }),
        ),
      ).toBe("ok");
    }
  });
});

describe("what the log keeps of anonymous calls", () => {
  it("holds the procedure and the outcome, never an input value", async () => {
    const harness = await startHarness();
    try {
      const anonymous = () => harness.browser().client; // each call a caller without a session
      await outcomeOf(anonymous().account.signUp.mutate({ username: "marker.name", password: "marker password one" }));
      await outcomeOf(anonymous().account.logIn.mutate({ username: "marker.name", password: "marker password one" }));
      await outcomeOf(
        anonymous().account.logIn.mutate({ username: "marker.other", password: "marker password three" }),
      );
      await outcomeOf(anonymous().users.get.query({ userId: "01900000-0000-7000-8000-0000000a11ce" }));
      await outcomeOf(
        anonymous().users.setPassword.mutate({
          userId: "01900000-0000-7000-8000-0000000b0b00",
          password: "marker password four",
        }),
      );

      const lines = harness.logs.filter((line) => line.procedure);
      expect(lines.map((line) => `${line.procedure as string} ${line.outcome as string}`)).toEqual(
        expect.arrayContaining([
          "account.signUp ok",
          "account.logIn ok",
          "account.logIn INVALID_CREDENTIALS",
          "users.get NOT_AUTHENTICATED",
          "users.setPassword NOT_AUTHENTICATED",
        ]),
      );
      const everything = JSON.stringify(harness.logs);
      for (const value of ["marker.name", "marker.other", "marker password", "0000000a11ce", "0000000b0b00"]) {
        expect(everything).not.toContain(value);
      }
    } finally {
      await harness.close();
    }
  });
});

describe("log-in keeps its hashing capacity under a flood of password changes", () => {
  it("admits every one of another user's log-ins while 120 wrong password changes arrive at once", async () => {
    // Two hashing slots, as on a 2-core machine; budgets out of the way, so only capacity decides.
    const harness = await startHarness({ HASHER_MAX_CONCURRENCY: "2", HASHER_MAX_WAIT_MS: "2000" });
    try {
      await harness.bootstrapSuperAdmin("root.admin");
      const root = await harness.loggedIn("root.admin");
      await root.client.users.create.mutate({ username: "flooder", password: PASSWORD, role: "user" });
      await root.client.users.create.mutate({ username: "bystander", password: PASSWORD, role: "user" });
      const flooder = await harness.loggedIn("flooder");

      const flood = Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          outcomeOf(
            flooder.client.account.changePassword.mutate({
              currentPassword: `wrong ${i}`,
              newPassword: "never applied",
            }),
          ),
        ),
      );
      const logIns: string[] = [];
      for (let i = 0; i < 10; i++) {
        logIns.push(
          await outcomeOf(harness.browser().client.account.logIn.mutate({ username: "bystander", password: PASSWORD })),
        );
      }
      const changes = await flood;
      expect(logIns).toEqual(Array(10).fill("ok"));
      // The flood itself is answered, part refused as busy, none with an error of ours.
      expect(new Set(changes)).toEqual(
        new Set(changes.filter((outcome) => ["CURRENT_PASSWORD_INVALID", "SERVICE_BUSY"].includes(outcome))),
      );
      console.info(
        `[credentials] 120 wrong password changes: ${changes.filter((o) => o === "CURRENT_PASSWORD_INVALID").length} checked, ` +
          `${changes.filter((o) => o === "SERVICE_BUSY").length} SERVICE_BUSY; bystander log-ins: ${logIns.join(", ")}`,
      );
    } finally {
      await harness.close();
    }
  });
});
