import { createServer, connect, type Server, type Socket } from "node:net";
import { TEST_POSTGRES_URL } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Harness } from "./http-harness";

describe("login and sign-up throttling over HTTP", () => {
  // Windows long enough that real time never ends one during a test, however loaded the
  // machine: a test ends a window by moving the app's clock past it (harness.clock).
  const WINDOW_SECONDS = 60;
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "3",
      LOGIN_MAX_ATTEMPTS_PER_IP: "1000",
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      SIGNUP_MAX_PER_IP: "3",
      SIGNUP_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    await harness.browser().client.account.signUp.mutate({ username: "target.user", password: PASSWORD });
  });

  afterAll(async () => {
    await harness.close();
  });

  /** Ends every window open so far: each test starts with fresh budgets, whatever ran before it. */
  beforeEach(() => harness.clock.advance(WINDOW_SECONDS * 1000));

  it("trips with 429 RATE_LIMITED and retryAfterSeconds, then recovers when the window ends", async () => {
    const attempt = (password: string) =>
      harness.browser().client.account.logIn.mutate({ username: "target.user", password });
    for (let i = 0; i < 3; i++)
      expect((await failureOf(attempt("wrong horse"))).data.appCode).toBe("INVALID_CREDENTIALS");

    const limited = await failureOf(attempt(PASSWORD));
    expect(limited.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, appCode: "RATE_LIMITED" });
    expect(limited.data.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.data.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect((await failureOf(attempt(PASSWORD))).data.appCode).toBe("RATE_LIMITED"); // still, until the window ends

    harness.clock.advance(limited.data.retryAfterSeconds! * 1000); // the window ends
    expect(await attempt(PASSWORD)).toMatchObject({ username: "target.user" });
  });

  it("limits sign-ups per client IP", async () => {
    const signUp = (username: string) =>
      harness.browser().client.account.signUp.mutate({ username, password: PASSWORD });
    await signUp("signup.one");
    await signUp("signup.two");
    await signUp("signup.three");
    expect((await failureOf(signUp("signup.four"))).data).toMatchObject({ appCode: "RATE_LIMITED", httpStatus: 429 });
    harness.clock.advance(WINDOW_SECONDS * 1000); // a new window: a new budget
    await signUp("signup.four");
  });
});

describe("malformed requests get 4xx with an appCode, never 5xx", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const post = (path: string, body: string) =>
    fetch(`${harness.url}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it.each([
    [
      "a 60 kB username (bodies over 64 kB: resilience/hostile-input)",
      "account.logIn",
      JSON.stringify({ username: "a".repeat(60_000), password: PASSWORD }),
      "username",
    ],
    [
      "a huge password",
      "account.signUp",
      JSON.stringify({ username: "huge.pass", password: "p".repeat(60_000) }),
      "password",
    ],
    [
      "nested objects for strings",
      "account.logIn",
      JSON.stringify({ username: { $gt: "" }, password: PASSWORD }),
      "username",
    ],
    ["an array for the id", "users.deactivate", JSON.stringify({ userId: ["x"] }), "userId"],
    [
      "a number for the new password",
      "account.changePassword",
      JSON.stringify({ currentPassword: PASSWORD, newPassword: 12345678 }),
      "newPassword",
    ],
  ])("%s", async (_label, path, body, field) => {
    const response = await post(path, body);
    const json = await response.json();
    expect(response.status).toBe(400);
    expect(json.error.data.appCode).toBe("VALIDATION_FAILED");
    expect(Object.keys(json.error.data.fieldErrors)).toContain(field);
  });

  it("a GET of a mutation and a POST of a query are refused cleanly", async () => {
    // The GET of log-out comes with a live session: refused, it must not log anyone out.
    await harness.browser().client.account.signUp.mutate({ username: "method.user", password: PASSWORD });
    const browser = await harness.loggedIn("method.user");
    const get = await browser.fetch(`${harness.url}/api/trpc/account.logOut`);
    expect(get.status).toBe(405);
    expect((await get.json()).error).toMatchObject({
      message: 'Unsupported GET-request to mutation procedure at path "account.logOut"',
      data: { httpStatus: 405, code: "METHOD_NOT_SUPPORTED", appCode: "NOT_FOUND", requestId: expect.any(String) },
    });
    expect(await browser.client.account.me.query()).toMatchObject({ username: "method.user" });

    for (const path of ["health.check", "account.me"]) {
      const post = await browser.fetch(`${harness.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(post.status).toBe(405);
      expect((await post.json()).error).toMatchObject({
        message: `Unsupported POST-request to query procedure at path "${path}"`,
        data: { httpStatus: 405, code: "METHOD_NOT_SUPPORTED", appCode: "NOT_FOUND", requestId: expect.any(String) },
      });
    }
  });
});

/** A TCP relay in front of PostgreSQL that the test can cut and restore. */
async function relayTo(port: number): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  let listenPort = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(port, "127.0.0.1");
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, "127.0.0.1", () => {
        listenPort = (server.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    port: listenPort,
    cut: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    restore: open,
  };
}

describe("the database going away and coming back", () => {
  it("answers 503 SERVICE_UNAVAILABLE while PostgreSQL is unreachable, and recovers by itself", async () => {
    const probe = await startHarness({}, "postgresql"); // a migrated PostgreSQL database to reach through the relay
    const relay = await relayTo(Number(new URL(TEST_POSTGRES_URL).port || 5432));
    const viaRelay = new URL(probe.database.url);
    viaRelay.port = String(relay.port);
    viaRelay.searchParams.set("connect_timeout", "2");
    const harness = await startHarness({ DATABASE_URL: viaRelay.toString() });
    try {
      const { client } = harness.browser();
      expect(await client.health.check.query()).toEqual({ status: "ok", database: "ok" });

      await relay.cut();
      for (const call of [
        client.health.check.query(),
        client.account.logIn.mutate({ username: "someone", password: PASSWORD }),
      ]) {
        const failure = await failureOf(call);
        expect(failure.data).toMatchObject({
          code: "SERVICE_UNAVAILABLE",
          httpStatus: 503,
          appCode: "SERVICE_UNAVAILABLE",
        });
        expect(failure.message).toBe("The database is unavailable. Please try again shortly.");
      }

      // Recovery is observed, not timed: the client retries until the health check passes (a
      // bound only stops a test that would never recover: 100 tries, far more than it takes).
      await relay.restore();
      let health: unknown = null;
      for (let tries = 0; tries < 100 && health === null; tries++) {
        health = await client.health.check.query().catch(() => null);
        if (health === null) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toEqual({ status: "ok", database: "ok" });
      expect(await client.account.signUp.mutate({ username: "after.outage", password: PASSWORD })).toHaveProperty("id");
    } finally {
      await harness.close().catch(() => undefined);
      await relay.cut().catch(() => undefined);
      await probe.close();
    }
  });

  it("answers 503 when PostgreSQL was never there (closed port)", async () => {
    const harness = await startHarness({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/gatehouse?connect_timeout=2",
    });
    try {
      const failure = await failureOf(harness.browser().client.health.check.query());
      expect(failure.data).toMatchObject({ httpStatus: 503, appCode: "SERVICE_UNAVAILABLE" });
    } finally {
      await harness.close().catch(() => undefined);
    }
  });
});

describe("a saturated password hasher", () => {
  it("answers 503 SERVICE_BUSY at once instead of queueing, and serves again when the load is gone", async () => {
    const harness = await startHarness({ HASHER_MAX_CONCURRENCY: "1", HASHER_MAX_WAIT_MS: "1" });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          harness
            .browser()
            .client.account.signUp.mutate({ username: `busy.user${i}`, password: PASSWORD })
            .then(
              () => "ok",
              (error: { data: { appCode: string; httpStatus: number } }) =>
                `${error.data.httpStatus} ${error.data.appCode}`,
            ),
        ),
      );
      expect(outcomes).toContain("ok");
      expect(outcomes).toContain("503 SERVICE_BUSY");
      expect(outcomes.every((outcome) => outcome === "ok" || outcome === "503 SERVICE_BUSY")).toBe(true);
      expect(
        await harness.browser().client.account.signUp.mutate({ username: "calm.again", password: PASSWORD }),
      ).toHaveProperty("id");
    } finally {
      await harness.close();
    }
  });
});

describe("cookies on an https origin", () => {
  it("are Secure and use the __Host- prefix", async () => {
    const harness = await startHarness({ APP_ORIGIN: "https://auth.example.com" });
    try {
      const browser = harness.browser();
      await browser.client.account.signUp.mutate({ username: "secure.user", password: PASSWORD });
      await browser.client.account.logIn.mutate({ username: "secure.user", password: PASSWORD });
      const [cookie] = browser.setCookieHeaders;
      expect(cookie).toMatch(/^__Host-gatehouse_session=[a-z0-9]{40};/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(await browser.client.account.me.query()).toMatchObject({ username: "secure.user" });
    } finally {
      await harness.close();
    }
  });
});
