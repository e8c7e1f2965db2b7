import { createPrismaClient } from "@gatehouse/infra";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, startHarness, type Harness } from "./http-harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

describe("account over real HTTP", () => {
  it("signs up, logs in, reads me, logs out, and is then anonymous", async () => {
    const browser = harness.browser();
    const { client } = browser;

    const { id } = await client.account.signUp.mutate({ username: "Alice.Smith", password: "correct horse" });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const loggedIn = await client.account.logIn.mutate({ username: "alice.smith", password: "correct horse" });
    expect(loggedIn).toEqual({ id, username: "Alice.Smith", role: "user" });
    expect(browser.cookies.has("gatehouse_session")).toBe(true);

    const me = await client.account.me.query();
    expect(me).toEqual({ id, username: "Alice.Smith", role: "user", isActive: true, createdAt: expect.any(String) });
    expect(new Date(me.createdAt).toISOString()).toBe(me.createdAt);

    expect(await client.account.logOut.mutate()).toEqual({ ok: true });
    expect(browser.cookies.has("gatehouse_session")).toBe(false);

    const after = await failureOf(client.account.me.query());
    expect(after.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, appCode: "NOT_AUTHENTICATED" });
  });

  it("sends the session cookie HttpOnly, SameSite=Lax, Path=/ and clears it on log-out", async () => {
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username: "cookie.monster", password: "correct horse" });
    await browser.client.account.logIn.mutate({ username: "cookie.monster", password: "correct horse" });
    await browser.client.account.logOut.mutate();

    const [set, cleared] = browser.setCookieHeaders;
    expect(set).toMatch(/^gatehouse_session=[a-z0-9]{40};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Secure/); // plain http://localhost origin
    expect(cleared).toMatch(/^gatehouse_session=;.*Max-Age=0/);
  });

  it("refuses a second account with the same name in another case", async () => {
    const { client } = harness.browser();
    await client.account.signUp.mutate({ username: "twin.one", password: "correct horse" });

    const failure = await failureOf(client.account.signUp.mutate({ username: "TWIN.ONE", password: "correct horse" }));
    expect(failure.data).toMatchObject({ code: "CONFLICT", httpStatus: 409, appCode: "USERNAME_TAKEN" });
  });

  it("gives the same answer for an unknown user and a wrong password", async () => {
    const { client } = harness.browser();
    await client.account.signUp.mutate({ username: "known.user", password: "correct horse" });

    const wrong = await failureOf(client.account.logIn.mutate({ username: "known.user", password: "wrong horse" }));
    const unknown = await failureOf(client.account.logIn.mutate({ username: "nobody.here", password: "wrong horse" }));
    for (const failure of [wrong, unknown]) {
      expect(failure.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, appCode: "INVALID_CREDENTIALS" });
    }
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses sign-up and log-in while logged in", async () => {
    const { client } = harness.browser();
    await client.account.signUp.mutate({ username: "busy.bee", password: "correct horse" });
    await client.account.logIn.mutate({ username: "busy.bee", password: "correct horse" });

    const failure = await failureOf(client.account.signUp.mutate({ username: "busy.bee2", password: "correct horse" }));
    expect(failure.data).toMatchObject({ code: "FORBIDDEN", appCode: "ALREADY_AUTHENTICATED" });
  });

  it("refuses log-out without a session", async () => {
    const failure = await failureOf(harness.browser().client.account.logOut.mutate());
    expect(failure.data).toMatchObject({ code: "UNAUTHORIZED", appCode: "NOT_AUTHENTICATED" });
  });

  it("answers health checks", async () => {
    expect(await harness.browser().client.health.check.query()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("bad input over real HTTP", () => {
  const post = (path: string, body: string, contentType = "application/json") =>
    fetch(`${harness.url}/api/trpc/${path}`, { method: "POST", headers: { "content-type": contentType }, body });

  it.each([
    [
      "a short username",
      { username: "al", password: "correct horse" },
      { username: ["Username must be 5–20 characters long."] },
    ],
    ["a missing password", { username: "alice" }, { password: ["Password is required."] }],
    [
      "a password of the wrong type",
      { username: "alice", password: 12345678 },
      { password: ["Password must be a string."] },
    ],
    ["an unknown field", { username: "alice", password: "correct horse", role: "admin" }, { role: ["Unknown field."] }],
    [
      "a short password",
      { username: "alice.b", password: "short" },
      { password: ["Password must be 8–128 characters long."] },
    ],
  ])("sign-up with %s is VALIDATION_FAILED naming the field", async (_label, input, fieldErrors) => {
    const response = await post("account.signUp", JSON.stringify(input));
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", fieldErrors });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });

  it.each([
    ["a body that is not JSON", "this is not json"],
    ["an empty body", ""],
    ["a JSON array", "[1,2]"],
    ["JSON null", "null"],
  ])("sign-up with %s is VALIDATION_FAILED, never a 500", async (_label, body) => {
    const response = await post("account.signUp", body);
    const json = await response.json();

    expect(response.status).toBe(400);
    expect(json.error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION_FAILED" });
    expect(Object.keys(json.error.data.fieldErrors).length).toBeGreaterThan(0);
  });

  it("a body that is not declared JSON is refused as invalid input", async () => {
    const response = await post("account.signUp", "username=alice&password=x", "application/x-www-form-urlencoded");
    expect(response.status).toBe(415);
    expect((await response.json()).error.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
  });

  it("an unknown procedure is a 404, not a 500", async () => {
    const response = await fetch(`${harness.url}/api/trpc/account.nope`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.data.appCode).toBe("NOT_FOUND");
  });
});

describe("origin check on mutations", () => {
  it("rejects a mutation from another site before doing any work", async () => {
    const { client } = harness.browser({ origin: "https://evil.example" });

    const failure = await failureOf(
      client.account.signUp.mutate({ username: "csrf.victim", password: "correct horse" }),
    );
    expect(failure.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, appCode: "ORIGIN_REJECTED" });
    const retry = await harness
      .browser()
      .client.account.signUp.mutate({ username: "csrf.victim", password: "correct horse" });
    // The rejected call created nothing: the same name is still free (else USERNAME_TAKEN).
    expect(retry).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
  });

  it("rejects a cross-site mutation that only says Sec-Fetch-Site", async () => {
    const response = await fetch(`${harness.url}/api/trpc/account.logOut`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.data.appCode).toBe("ORIGIN_REJECTED");
  });

  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) through", async () => {
    const { client } = harness.browser({ origin: null });
    expect(await client.account.signUp.mutate({ username: "cli.user", password: "correct horse" })).toHaveProperty(
      "id",
    );
  });
});

describe("unexpected errors", () => {
  it("become INTERNAL with a generic message and a request id, never the details", async () => {
    const browser = harness.browser();
    await browser.client.account.signUp.mutate({ username: "broken.row", password: "correct horse" });
    await browser.client.account.logIn.mutate({ username: "broken.row", password: "correct horse" });
    const prisma = createPrismaClient(harness.database.url);
    await prisma.user.updateMany({ where: { usernameKey: "broken.row" }, data: { role: "wizard" } });
    await prisma.$disconnect();

    const response = await browser.fetch(`${harness.url}/api/trpc/account.me`);
    const body = await response.json();

    expect(response.status).toBe(500);
    expect(body.error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", appCode: "INTERNAL" });
    expect(body.error.message).toBe(`Something went wrong on our side. Reference: ${body.error.data.requestId}.`);
    expect(JSON.stringify(body)).not.toMatch(/wizard|stack|\.ts:\d+/);
  });
});

describe("the same API on PostgreSQL", () => {
  it("signs up, logs in, reads me and logs out", async () => {
    const postgres = await startHarness({}, "postgresql");
    try {
      const { client } = postgres.browser();
      const { id } = await client.account.signUp.mutate({ username: "pg.user", password: "correct horse" });
      await client.account.logIn.mutate({ username: "PG.USER", password: "correct horse" });
      expect(await client.account.me.query()).toMatchObject({ id, username: "pg.user", role: "user" });
      await client.account.logOut.mutate();
      expect((await failureOf(client.account.me.query())).data.appCode).toBe("NOT_AUTHENTICATED");
      expect(await client.health.check.query()).toEqual({ status: "ok", database: "ok" });
    } finally {
      await postgres.close();
    }
  });
});
