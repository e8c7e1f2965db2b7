// The front door (apps/web/server.ts, packages/api/src/http/) as `pnpm start` serves it:
// the client's address, tolerant cookies, batch limits and each call's own unit of work,
// and the security headers of every response. Each app below is a real `pnpm start`.
import { connect } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAt, batchOutcomes, type Api } from "./api-over-http";
import { launchChromium, startApp, type AppUnderTest } from "./app-under-test";
import { bootstrapSuperAdmin } from "./seed";

const PASSWORD = "correct horse battery";
const WRONG = "not the password at all";
const PAGES = ["/", "/login", "/signup", "/account", "/admin/users", "/admin/audit"];

/** The app's API over 127.0.0.1, so that the TCP peer the server sees is 127.0.0.1. */
const loopbackApi = (app: AppUnderTest) => apiAt(app.url.replace("localhost", "127.0.0.1"));

async function logIn(api: Api, username: string, headers: Record<string, string> = {}): Promise<string> {
  const answer = await api.mutate("account.logIn", { username, password: PASSWORD }, headers);
  expect(answer.outcome).toBe("ok");
  return answer.sessionCookie!;
}

/** The status of a GET sent byte for byte, with a Cookie header fetch would refuse to send. */
function rawStatus(baseUrl: string, path: string, cookie: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(Number(answer.split(" ")[1])));
    socket.on("error", reject);
    // write, not end: a half-closed socket may be closed before a slow page answers.
    socket.write(
      Buffer.from(
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
        "latin1",
      ),
    );
  });
}

/** Calls one after another (each counted before the next), and their outcomes. */
async function outcomesInTurn<T>(
  items: T[],
  call: (item: T, index: number) => Promise<{ outcome: string }>,
): Promise<string[]> {
  const outcomes: string[] = [];
  for (const [index, item] of items.entries()) outcomes.push((await call(item, index)).outcome);
  return outcomes;
}

describe("the front door, served by `pnpm start` with the defaults (no trusted proxy)", () => {
  let app: AppUnderTest;
  let api: Api;
  let admin: string; // the super admin's session cookie

  beforeAll(async () => {
    app = await startApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: "3", SIGNUP_MAX_PER_IP: "3" } });
    api = loopbackApi(app);
    await bootstrapSuperAdmin(app, "root.admin", PASSWORD);
    // Before the per-IP budget is spent below, and with a forged X-Forwarded-For.
    admin = await logIn(api, "root.admin", { "x-forwarded-for": "198.51.100.99" });
  });
  afterAll(() => app?.stop());

  describe("the client's address is the TCP peer", () => {
    it("does not give a forged X-Forwarded-For a fresh per-IP log-in budget", async () => {
      const outcomes = await outcomesInTurn([0, 1, 2, 3, 4, 5], (i) =>
        api.mutate(
          "account.logIn",
          { username: `nobody.${i}`, password: WRONG },
          { "x-forwarded-for": `203.0.113.${i}` },
        ),
      );
      expect(outcomes).toEqual([...Array(3).fill("INVALID_CREDENTIALS"), ...Array(3).fill("RATE_LIMITED")]);
    });

    it("does not give a forged X-Forwarded-For a fresh sign-up budget", async () => {
      const outcomes = await outcomesInTurn([0, 1, 2, 3, 4, 5], (i) =>
        api.mutate(
          "account.signUp",
          { username: `forged.${i}`, password: PASSWORD },
          { "x-forwarded-for": `203.0.113.${i}` },
        ),
      );
      expect(outcomes).toEqual(["ok", "ok", "ok", "RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
      const list = await api.query("users.list", { search: "forged", includeTotal: true }, { cookie: admin });
      expect((list.body as { result: { data: { total: number } } }).result.data.total).toBe(3);
    });

    it("is what sessions and the audit log record, never the forged header", async () => {
      const sessions = await api.query("account.sessions", undefined, { cookie: admin });
      const [own] = (sessions.body as { result: { data: Array<{ ipAddress: string; current: boolean }> } }).result.data;
      expect(own).toMatchObject({ current: true, ipAddress: "127.0.0.1" });

      const audit = await api.query("audit.list", { limit: 100 }, { cookie: admin });
      const events = (audit.body as { result: { data: { items: Array<{ type: string; clientIp: string | null }> } } })
        .result.data.items;
      const overHttp = events.filter((event) =>
        ["user.logged_in", "user.login_failed", "user.signed_up", "throttle.tripped"].includes(event.type),
      );
      expect(new Set(overHttp.map((event) => event.type)).size).toBe(4);
      for (const event of overHttp) expect(event.clientIp).toBe("127.0.0.1");
      // The super admin was made in process (the CLI's path), where there is no client address.
      for (const event of events) expect([null, "127.0.0.1"]).toContain(event.clientIp);
    });
  });

  describe("a malformed, duplicated or oversized cookie is no session, never a 5xx", () => {
    it.each([
      ["a bad percent-escape", "x=%"],
      ["a bad escape in the session cookie", "gatehouse_session=%E0%A4%A"],
      ["a duplicated session cookie", "gatehouse_session=abc; gatehouse_session=def"],
      ["an oversized session cookie", `gatehouse_session=${"a".repeat(5000)}`],
    ])("%s: account.me is NOT_AUTHENTICATED and every page renders", async (_, cookie) => {
      const me = await api.query("account.me", undefined, { cookie });
      expect(me.status).toBe(401);
      expect(me.outcome).toBe("NOT_AUTHENTICATED");
      for (const path of PAGES) {
        const response = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: "manual" });
        expect([200, 307], `${path} with ${JSON.stringify(cookie.slice(0, 40))}`).toContain(response.status);
        await response.arrayBuffer();
      }
    });

    it("reads cookies with bytes beyond ASCII (which fetch will not send) as no session", async () => {
      const cookie = "gatehouse_session=\u00ff\u00fe; \u00e9=%; ;;=;";
      for (const path of ["/api/trpc/account.me", ...PAGES]) {
        expect([200, 307, 401], path).toContain(await rawStatus(app.url, path, cookie));
      }
    });

    it("answers control characters in a Cookie header with 400 from the HTTP parser, before any handler", async () => {
      for (const path of ["/api/trpc/account.me", "/login"]) {
        expect(await rawStatus(app.url, path, "gatehouse_session=\u0001\u0002")).toBe(400);
      }
    });

    it("keeps a valid session working beside another app's malformed cookie", async () => {
      const me = await api.query("account.me", undefined, { cookie: `x=%; ${admin}; y=%zz` });
      expect(me.outcome).toBe("ok");
      expect((me.body as { result: { data: { username: string } } }).result.data.username).toBe("root.admin");
      const page = await fetch(`${app.url}/admin/users`, { headers: { cookie: `x=%; ${admin}` }, redirect: "manual" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("root.admin");
    });

    it("reads a valid session sent twice as no session", async () => {
      const me = await api.query("account.me", undefined, { cookie: `${admin}; ${admin}` });
      expect(me.outcome).toBe("NOT_AUTHENTICATED");
    });

    it("answers a Cookie header too large for the server with 431 and an appCode, on the API and on pages", async () => {
      const cookie = `big=${"b".repeat(20_000)}`;
      const me = await api.query("account.me", undefined, { cookie });
      expect(me.status).toBe(431);
      expect(me.outcome).toBe("PAYLOAD_TOO_LARGE");
      expect((await fetch(`${app.url}/login`, { headers: { cookie } })).status).toBe(431);
    });
  });

  describe("batches", () => {
    it(`answers a batch of 10 calls and refuses 11 with 400 BATCH_TOO_LARGE`, async () => {
      const ten = await api.batch(
        "query",
        Array.from({ length: 10 }, () => ["health.check"] as [string]),
      );
      expect(ten.status).toBe(200);
      expect(batchOutcomes(ten)).toEqual(Array(10).fill("ok"));

      const eleven = await api.batch(
        "query",
        Array.from({ length: 11 }, () => ["health.check"] as [string]),
      );
      expect(eleven.status).toBe(400);
      expect(eleven.outcome).toBe("BATCH_TOO_LARGE");
      const twoHundred = await api.batch(
        "query",
        Array.from({ length: 200 }, () => ["health.check"] as [string]),
      );
      expect(twoHundred.outcome).toBe("BATCH_TOO_LARGE");
    });

    it("runs none of a refused batch's mutations", async () => {
      const calls = Array.from(
        { length: 11 },
        (_, i) =>
          ["users.create", { username: `too.many.${i}`, password: PASSWORD, role: "user" }] as [string, unknown],
      );
      const answer = await api.batch("mutation", calls, { cookie: admin });
      expect(answer.outcome).toBe("BATCH_TOO_LARGE");
      const list = await api.query("users.list", { search: "too.many", includeTotal: true }, { cookie: admin });
      expect((list.body as { result: { data: { total: number } } }).result.data.total).toBe(0);
    });

    it("gives each call its own unit of work: a failing call neither commits nor loses a sibling's change", async () => {
      const created = await api.mutate(
        "users.create",
        { username: "batch.taken", password: PASSWORD, role: "user" },
        { cookie: admin },
      );
      const target = await api.mutate(
        "users.create",
        { username: "batch.target", password: PASSWORD, role: "user" },
        { cookie: admin },
      );
      const targetId = (target.body as { result: { data: { id: string } } }).result.data.id;
      expect(created.outcome).toBe("ok");

      const answer = await api.batch(
        "mutation",
        [
          ["users.create", { username: "batch.one", password: PASSWORD, role: "user" }],
          ["users.create", { username: "Batch.Taken", password: PASSWORD, role: "user" }], // fails at commit
          ["users.deactivate", { userId: targetId }],
          ["users.grantAdmin", { userId: "01900000-0000-7000-8000-00000000dead" }], // fails in the use case
          ["users.create", { username: "batch.two", password: PASSWORD, role: "user" }],
        ],
        { cookie: admin },
      );
      expect(batchOutcomes(answer)).toEqual(["ok", "USERNAME_TAKEN", "ok", "USER_NOT_FOUND", "ok"]);

      const list = await api.query(
        "users.list",
        { search: "batch.", sortBy: "username", order: "asc" },
        { cookie: admin },
      );
      const users = (
        list.body as { result: { data: { items: Array<{ id: string; username: string; isActive: boolean }> } } }
      ).result.data.items;
      expect(users.map((user) => [user.username, user.isActive])).toEqual([
        ["batch.one", true],
        ["batch.taken", true],
        ["batch.target", false],
        ["batch.two", true],
      ]);
      // Every change committed with its audit event, once; the failed calls left none.
      const audit = await api.query("audit.list", { limit: 100 }, { cookie: admin });
      const events = (audit.body as { result: { data: { items: Array<{ type: string; targetId: string | null }> } } })
        .result.data.items;
      const byId = new Map(users.map((user) => [user.id, user.username]));
      const changes = events
        .filter((event) => event.targetId && byId.has(event.targetId))
        .map((event) => `${event.type} ${byId.get(event.targetId!)}`)
        .sort();
      expect(changes).toEqual([
        "user.created batch.one",
        "user.created batch.taken",
        "user.created batch.target",
        "user.created batch.two",
        "user.deactivated batch.target",
      ]);
    });
  });

  describe("security headers", () => {
    async function headersOf(path: string, init: RequestInit = {}): Promise<Headers> {
      const response = await fetch(`${app.url}${path}`, { redirect: "manual", ...init });
      await response.arrayBuffer();
      return response.headers;
    }

    it("sends the policy, nosniff and the referrer policy on every kind of response, and no HSTS over http", async () => {
      const html = await (await fetch(`${app.url}/login`)).text();
      const asset = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
      expect(asset).toBeDefined();
      const responses = {
        page: await headersOf("/login"),
        redirect: await headersOf("/account"),
        "missing page": await headersOf("/no-such-page"),
        asset: await headersOf(asset!),
        "API answer": await headersOf("/api/trpc/health.check"),
        "API error": await headersOf("/api/trpc/no.such.procedure"),
        "refused batch": await headersOf(`/api/trpc/${Array(11).fill("health.check").join(",")}?batch=1`),
        "malformed HTTP": await headersOf("/api/trpc/health.check", { headers: { cookie: "x".repeat(20_000) } }),
      };
      for (const [kind, headers] of Object.entries(responses)) {
        const policy = headers.get("content-security-policy") ?? "";
        for (const directive of [
          "script-src 'self'",
          "frame-ancestors 'none'",
          "object-src 'none'",
          "base-uri 'self'",
        ]) {
          expect(policy, `${kind}: ${directive}`).toContain(directive);
        }
        expect(policy, kind).not.toContain("unsafe-inline");
        expect(headers.get("x-content-type-options"), kind).toBe("nosniff");
        expect(headers.get("referrer-policy"), kind).toBe("same-origin");
        expect(headers.get("strict-transport-security"), kind).toBeNull();
      }
    });

    it("puts a fresh nonce on every page's scripts, which a client cannot choose", async () => {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${app.url}/login`, {
          headers: { "content-security-policy": "script-src 'nonce-chosen-by-the-client'" },
        });
        const nonce = response.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
        expect(nonce).toBeDefined();
        const html = await response.text();
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
        expect(html).not.toContain("nonce-chosen-by-the-client");
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    });

    describe("in a real browser", () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchChromium();
      });
      afterAll(() => browser?.close());

      it("loads and runs every page with no Content-Security-Policy violation", async () => {
        const context = await browser.newContext();
        const [name, value] = admin.split("=") as [string, string];
        await context.addCookies([{ name, value, url: app.url }]);
        const page = await context.newPage();
        const violations: string[] = [];
        page.on("console", (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
        });
        await page.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (event) =>
            console.error(`Refused to load (CSP): ${event.violatedDirective} ${event.blockedURI}`),
          );
        });
        for (const path of ["/account", "/admin/users", "/admin/audit", "/"]) {
          await page.goto(`${app.url}${path}`);
          await page.waitForLoadState("networkidle");
        }
        // Scripts ran: the console drew its table from the API in the browser.
        await page.goto(`${app.url}/admin/users`);
        await page.locator("tbody th", { hasText: "root.admin" }).waitFor();
        await context.clearCookies();
        for (const path of ["/login", "/signup"]) {
          await page.goto(`${app.url}${path}`);
          await page.waitForLoadState("networkidle");
        }
        expect(violations).toEqual([]);
        await context.close();
      });
    });

    it("prints no warning on start for a local origin", () => {
      expect(app.output()).not.toMatch(/warn/i);
    });
  });
});

describe("the front door behind a trusted proxy (TRUST_PROXY=1) on an https origin", () => {
  let app: AppUnderTest;
  let api: Api;

  beforeAll(async () => {
    app = await startApp({
      env: { TRUST_PROXY: "1", LOGIN_MAX_ATTEMPTS_PER_IP: "3", APP_ORIGIN: "https://gatehouse.example.test" },
    });
    api = loopbackApi(app);
    await bootstrapSuperAdmin(app, "root.admin", PASSWORD);
  });
  afterAll(() => app?.stop());

  const failOnce = (forwardedFor: string, i = 0) =>
    api.mutate("account.logIn", { username: `guess.${i}`, password: WRONG }, { "x-forwarded-for": forwardedFor });

  it("counts each client by the address the proxy appended, whatever the client wrote before it", async () => {
    const first = await outcomesInTurn([0, 1, 2, 3], (i) => failOnce("203.0.113.1", i));
    expect(first).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "RATE_LIMITED"]);
    expect((await failOnce("6.6.6.6, 203.0.113.1")).outcome).toBe("RATE_LIMITED");
    expect((await failOnce("203.0.113.2")).outcome).toBe("INVALID_CREDENTIALS");
  });

  it("counts IPv6 clients by their /64", async () => {
    const sameBlock = await outcomesInTurn([1, 2, 3, 4], (i) => failOnce(`2001:db8:aa:1::${i}`, i));
    expect(sameBlock).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "RATE_LIMITED"]);
    expect((await failOnce("2001:db8:aa:1:ffff:ffff:ffff:ffff")).outcome).toBe("RATE_LIMITED");
    expect((await failOnce("2001:db8:aa:2::1")).outcome).toBe("INVALID_CREDENTIALS");
  });

  it("does not believe a hop that is not an address: the peer is counted instead", async () => {
    const outcomes = await outcomesInTurn(["not-an-address", "203.0.113.9:4711", "", "also bad"], failOnce);
    expect(outcomes).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "RATE_LIMITED"]);
  });

  it("records the address the proxy appended in the session and the audit log", async () => {
    const cookie = await logIn(api, "root.admin", { "x-forwarded-for": "198.51.100.1, 203.0.113.77" });
    const sessions = await api.query("account.sessions", undefined, { cookie });
    expect((sessions.body as { result: { data: Array<{ ipAddress: string }> } }).result.data[0]!.ipAddress).toBe(
      "203.0.113.77",
    );
    const audit = await api.query("audit.list", { type: "user.logged_in" }, { cookie });
    const [event] = (audit.body as { result: { data: { items: Array<{ clientIp: string }> } } }).result.data.items;
    expect(event!.clientIp).toBe("203.0.113.77");
  });

  it("sends Strict-Transport-Security on pages and API answers", async () => {
    for (const path of ["/login", "/api/trpc/health.check"]) {
      const response = await fetch(`${app.url}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    }
  });
});

describe("starting on a public http:// origin", () => {
  it("works, with one warning line saying what is exposed", async () => {
    const app = await startApp({ env: { APP_ORIGIN: "http://gatehouse.example.test" } });
    try {
      const warnings = app
        .output()
        .split("\n")
        .filter((line) => /warn/i.test(line));
      expect(warnings).toEqual([
        "Warning: APP_ORIGIN is http://gatehouse.example.test: plain http beyond this machine, so session cookies and passwords cross the network unencrypted. Serve Gatehouse over https (behind a TLS proxy) and set APP_ORIGIN=https://...",
      ]);
    } finally {
      await app.stop();
    }
  });
});
