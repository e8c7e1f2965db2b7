// Sessions end at once (issue 11): deactivation, an admin's password reset and a password
// change end the sessions they must, and the very next request with an old cookie (a query or
// a mutation, from the browser that held it or from a thief who copied it) is
// NOT_AUTHENTICATED: no cache, no grace period, no second instance that still believes it.
// Run on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness, type Provider } from "../test/http-harness";
import { checkExchange, exchangeOf } from "./support/api-response";

interface Attempt {
  startedAt: number;
  endedAt: number;
  outcome: string;
}

describe.each<Provider>(["sqlite", "postgresql"])("ending sessions on %s", (provider) => {
  let harness: Harness;
  let admin: Browser;
  let counter = 0;

  beforeAll(async () => {
    harness = await startHarness({}, provider);
    await harness.bootstrapSuperAdmin("root.admin");
    const root = await harness.loggedIn("root.admin");
    await root.client.users.create.mutate({ username: "desk.admin", password: PASSWORD, role: "admin" });
    admin = await harness.loggedIn("desk.admin");
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function userWithDevices(devices: number): Promise<{ id: string; username: string; browsers: Browser[] }> {
    const username = `member.no${(counter += 1)}`;
    const { id } = await admin.client.users.create.mutate({ username, password: PASSWORD, role: "user" });
    const browsers: Browser[] = [];
    for (let i = 0; i < devices; i++) browsers.push(await harness.loggedIn(username));
    return { id, username, browsers };
  }

  /**
   * The cookie as a thief would replay it: sent on every request whatever the server answers
   * (a browser would drop a cookie the server clears; a thief would not).
   */
  function stolen(browser: Browser) {
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    expect(cookie).not.toBe("");
    const send = async (path: string, method: "GET" | "POST") => {
      const response = await fetch(`${harness.url}/api/trpc/${path}`, {
        method,
        headers: {
          cookie,
          ...(method === "POST" && {
            origin: harness.gatehouse.container.config.appOrigin,
            "content-type": "application/json",
          }),
        },
      });
      const exchange = await exchangeOf(response);
      const [appCode] = checkExchange(exchange, `${method} ${path} with a replayed cookie`);
      return appCode ?? "ok";
    };
    return {
      query: () => send("account.me", "GET"),
      mutation: () => send("account.endOtherSessions", "POST"),
    };
  }

  /** Asks `account.me` with the cookie, over and over, until stopped; every attempt timed. */
  function keepAsking(cookie: ReturnType<typeof stolen>) {
    const attempts: Attempt[] = [];
    let stop = false;
    const done = (async () => {
      while (!stop) {
        const startedAt = performance.now();
        const outcome = await cookie.query();
        attempts.push({ startedAt, endedAt: performance.now(), outcome });
      }
    })();
    return {
      attempts,
      async stop() {
        stop = true;
        await done;
      },
      async until(predicate: () => boolean) {
        while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    };
  }

  /**
   * Runs `end` while a stolen cookie keeps asking; checks that every request that started
   * after `end` had been answered was refused, and returns how many there were before and after.
   */
  async function endWhileInUse(
    victim: Browser,
    end: () => Promise<unknown>,
  ): Promise<{ before: number; after: number }> {
    const asker = keepAsking(stolen(victim));
    await asker.until(() => asker.attempts.filter((a) => a.outcome === "ok").length >= 3);
    const endStarted = performance.now();
    await end();
    const endAnswered = performance.now();
    await asker.until(() => asker.attempts.filter((a) => a.startedAt > endAnswered).length >= 5);
    await asker.stop();
    const before = asker.attempts.filter((a) => a.endedAt < endStarted);
    const after = asker.attempts.filter((a) => a.startedAt > endAnswered);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.every((a) => a.outcome === "ok")).toBe(true);
    expect(after.map((a) => a.outcome)).toEqual(after.map(() => "NOT_AUTHENTICATED"));
    return { before: before.length, after: after.length };
  }

  /** Every way of using an ended session fails: the browser's own query and mutation, and a replay of both. */
  async function expectEnded(browser: Browser) {
    const copy = stolen(browser);
    expect(await copy.query()).toBe("NOT_AUTHENTICATED");
    expect(await copy.mutation()).toBe("NOT_AUTHENTICATED");
    expect((await failureOf(browser.client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect((await failureOf(browser.client.account.sessions.query())).data.appCode).toBe("NOT_AUTHENTICATED");
    expect(
      (
        await failureOf(
          browser.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "taking over now" }),
        )
      ).data.appCode,
    ).toBe("NOT_AUTHENTICATED");
  }

  it("deactivation ends every session of the user at once", async () => {
    const { id, username, browsers } = await userWithDevices(3);
    const copies = browsers.map(stolen);
    const timing = await endWhileInUse(browsers[0]!, () => admin.client.users.deactivate.mutate({ userId: id }));
    for (const browser of browsers) await expectEnded(browser);
    expect(await admin.client.users.sessions.query({ userId: id })).toEqual([]);
    expect((await failureOf(harness.loggedIn(username))).data.appCode).toBe("ACCOUNT_INACTIVE");
    // Activating again revives nothing: the old cookies stay dead.
    await admin.client.users.activate.mutate({ userId: id });
    for (const copy of copies) expect(await copy.query()).toBe("NOT_AUTHENTICATED");
    console.info(
      `[session end on ${provider}] deactivate: ${timing.before} requests served before, ${timing.after} refused after`,
    );
  });

  it("an admin's password reset ends every session of the user at once", async () => {
    const { id, username, browsers } = await userWithDevices(3);
    const timing = await endWhileInUse(browsers[1]!, () =>
      admin.client.users.setPassword.mutate({ userId: id, password: "set by the admin" }),
    );
    for (const browser of browsers) await expectEnded(browser);
    expect(await admin.client.users.sessions.query({ userId: id })).toEqual([]);
    expect((await failureOf(harness.loggedIn(username))).data.appCode).toBe("INVALID_CREDENTIALS");
    expect(await (await harness.loggedIn(username, "set by the admin")).client.account.me.query()).toMatchObject({
      id,
    });
    expect(await admin.client.account.me.query()).toMatchObject({ username: "desk.admin" }); // the admin's own session is untouched
    console.info(
      `[session end on ${provider}] set password: ${timing.before} requests served before, ${timing.after} refused after`,
    );
  });

  it("changing one's password keeps this session and ends the user's others at once", async () => {
    const { id, username, browsers } = await userWithDevices(3);
    const [here, ...elsewhere] = browsers as [Browser, Browser, Browser];
    const bystander = await userWithDevices(1); // another user's session is none of its business
    const timing = await endWhileInUse(elsewhere[0], () =>
      here.client.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "changed by the owner" }),
    );
    for (const browser of elsewhere) await expectEnded(browser);
    expect(await here.client.account.me.query()).toMatchObject({ id, username });
    expect(await stolen(here).query()).toBe("ok");
    const sessions = await here.client.account.sessions.query();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ current: true });
    expect(await bystander.browsers[0]!.client.account.me.query()).toMatchObject({ username: bystander.username });
    expect((await failureOf(harness.loggedIn(username))).data.appCode).toBe("INVALID_CREDENTIALS");
    console.info(
      `[session end on ${provider}] change password: ${timing.before} requests served before, ${timing.after} refused after`,
    );
  });

  it("log-out, an admin's end-sessions and end-other-sessions end theirs at once too", async () => {
    const loggingOut = await userWithDevices(2);
    const copy = stolen(loggingOut.browsers[0]!);
    await loggingOut.browsers[0]!.client.account.logOut.mutate();
    expect(await copy.query()).toBe("NOT_AUTHENTICATED"); // ended on the server, not just forgotten by the browser
    expect(await loggingOut.browsers[1]!.client.account.me.query()).toMatchObject({ username: loggingOut.username });

    const ended = await userWithDevices(2);
    await endWhileInUse(ended.browsers[0]!, () => admin.client.users.endSessions.mutate({ userId: ended.id }));
    for (const browser of ended.browsers) await expectEnded(browser);

    const others = await userWithDevices(3);
    await endWhileInUse(others.browsers[2]!, () => others.browsers[0]!.client.account.endOtherSessions.mutate());
    for (const browser of others.browsers.slice(1)) await expectEnded(browser);
    expect(await others.browsers[0]!.client.account.me.query()).toMatchObject({ username: others.username });
  });
});
