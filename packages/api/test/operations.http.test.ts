// GET /metrics and GET /livez through the real front door, on SQLite and PostgreSQL: who may
// read the metrics, that they count exactly the calls made, that their labels carry nobody's
// name or address, and that liveness does not depend on the database (readiness does).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeAt, failureOf, outcomeOf, PASSWORD, startHarness, TOTP_STEP_MS, type Harness } from "./http-harness";

const TOKEN = "a-metrics-token-of-at-least-32-characters-0123456789";

/** One Prometheus sample: its name, its labels, its value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key!] = value!;
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample `name` whose labels include `labels` (0 when there is none yet). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

/** GET /metrics with `authorization` (none when undefined). */
function getMetrics(harness: Harness, authorization?: string, method = "GET"): Promise<Response> {
  return fetch(`${harness.url}/metrics`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
}

async function scrape(harness: Harness): Promise<Sample[]> {
  const response = await getMetrics(harness, `Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

describe("GET /metrics: who may read it", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => harness?.close());

  it("answers 200 with Prometheus text, no-store and the API's security headers, with the token", async () => {
    const response = await getMetrics(harness, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    const samples = parseExposition(await response.text());
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((sample) => sample.name.startsWith("gatehouse_"))).toBe(true);
  });

  it.each([
    ["no Authorization header", undefined],
    ["a wrong token", "Bearer not-the-token-at-all-but-just-as-long-as-the-real-one"],
    ["the token with its last character changed", `Bearer ${TOKEN.slice(0, -1)}8`],
    ["a prefix of the token", `Bearer ${TOKEN.slice(0, 20)}`],
    ["the token plus one character", `Bearer ${TOKEN}x`],
    ["the token in another scheme", `Basic ${TOKEN}`],
    ["an empty bearer", "Bearer "],
  ])("refuses %s: 401 NOT_AUTHENTICATED with WWW-Authenticate: Bearer", async (_, authorization) => {
    const response = await getMetrics(harness, authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await response.json()) as { error: { data: { appCode: string; httpStatus: number } } };
    expect(body.error.data).toMatchObject({ appCode: "NOT_AUTHENTICATED", httpStatus: 401 });
  });

  it("answers HEAD like GET without a body, and refuses other methods (405)", async () => {
    const head = await getMetrics(harness, `Bearer ${TOKEN}`, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await getMetrics(harness, `Bearer ${TOKEN}`, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(((await post.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe("NOT_FOUND");
  });

  it("is not served at all without METRICS_TOKEN: 404 like any unknown path, whatever the header", async () => {
    const without = await startHarness();
    try {
      for (const authorization of [undefined, `Bearer ${TOKEN}`, "Bearer "]) {
        const response = await getMetrics(without, authorization);
        expect(response.status).toBe(404);
        expect(response.headers.get("www-authenticate")).toBeNull();
        const body = (await response.json()) as { error: { message: string; data: { appCode: string } } };
        expect(body.error.data.appCode).toBe("NOT_FOUND");
        expect(body.error.message).toBe("Nothing is served at /metrics.");
      }
    } finally {
      await without.close();
    }
  });
});

describe.each(["sqlite", "postgresql"] as const)("GET /metrics on %s: what it counts", (provider) => {
  let harness: Harness;
  beforeAll(async () => {
    // An account budget of 4 attempts: the fifth wrong password in a row is throttled.
    harness = await startHarness({ METRICS_TOKEN: TOKEN, LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "4" }, provider);
  });
  afterAll(() => harness?.close());

  const usernames = ["metrics.alice", "metrics.bob"];
  const ids: string[] = [];

  it("counts exactly the calls and log-ins made: by procedure, method and outcome", async () => {
    const before = await scrape(harness);
    const { client } = harness.browser();
    const logIn = (username: string, password: string) =>
      outcomeOf(harness.browser().client.account.logIn.mutate({ username, password }));

    ids.push((await client.account.signUp.mutate({ username: "metrics.alice", password: PASSWORD })).id);
    expect(await logIn("metrics.alice", "a wrong password")).toBe("INVALID_CREDENTIALS");
    expect(await logIn("metrics.alice", PASSWORD)).toBe("ok"); // forgives the account's count
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await logIn("metrics.alice", "a wrong password")).toBe("INVALID_CREDENTIALS");
    }
    expect(await logIn("metrics.alice", "a wrong password")).toBe("RATE_LIMITED");

    // Bob with two-factor: a right password asks for the second step, which completes the log-in.
    const bob = harness.browser();
    ids.push((await bob.client.account.signUp.mutate({ username: "metrics.bob", password: PASSWORD })).id);
    await bob.client.account.logIn.mutate({ username: "metrics.bob", password: PASSWORD });
    const { secret } = await bob.client.account.mfa.beginTotp.mutate({ password: PASSWORD });
    await bob.client.account.mfa.confirmTotp.mutate({ code: codeAt(harness, secret) });
    harness.clock.advance(TOTP_STEP_MS);
    const second = harness.browser();
    expect(await second.client.account.logIn.mutate({ username: "metrics.bob", password: PASSWORD })).toEqual({
      mfaRequired: true,
    });
    const wrongCode = codeAt(harness, secret, 10);
    expect(await outcomeOf(second.client.account.completeMfa.mutate({ code: wrongCode }))).toBe("INVALID_MFA_CODE");
    await second.client.account.completeMfa.mutate({ code: codeAt(harness, secret) });

    const after = await scrape(harness);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const calls = (procedure: string, outcome: string) =>
      delta("gatehouse_api_call_duration_seconds_count", { procedure, outcome });
    const logIns = (method: string, outcome: string) => delta("gatehouse_log_ins_total", { method, outcome });

    expect(calls("account.signUp", "ok")).toBe(2);
    expect(calls("account.logIn", "ok")).toBe(3);
    expect(calls("account.logIn", "INVALID_CREDENTIALS")).toBe(5);
    expect(calls("account.logIn", "RATE_LIMITED")).toBe(1);
    expect(calls("account.mfa.confirmTotp", "ok")).toBe(1);
    expect(calls("account.completeMfa", "INVALID_MFA_CODE")).toBe(1);
    expect(calls("account.completeMfa", "ok")).toBe(1);

    expect(logIns("password", "success")).toBe(2);
    expect(logIns("password", "mfa_required")).toBe(1);
    expect(logIns("password", "INVALID_CREDENTIALS")).toBe(5);
    expect(logIns("password", "RATE_LIMITED")).toBe(1);
    expect(logIns("second_factor", "INVALID_MFA_CODE")).toBe(1);
    expect(logIns("second_factor", "success")).toBe(1);
    // Every log-in series there is, summed: nothing else was counted as a log-in.
    const allLogIns = (samples: Sample[]) =>
      samples.filter((sample) => sample.name === "gatehouse_log_ins_total").reduce((sum, s) => sum + s.value, 0);
    expect(allLogIns(after) - allLogIns(before)).toBe(11);

    expect(delta("gatehouse_throttle_refusals_total", { budget: "login_account" })).toBe(1);
    expect(delta("gatehouse_throttle_refusals_total", { budget: "login_ip" })).toBe(0);
    expect(delta("gatehouse_throttle_refusals_total", { budget: "signup_ip" })).toBe(0);

    // The histogram's buckets hold the same calls: the last (+Inf) bucket equals the count.
    expect(
      valueOf(after, "gatehouse_api_call_duration_seconds_bucket", {
        procedure: "account.logIn",
        outcome: "INVALID_CREDENTIALS",
        le: "+Inf",
      }),
    ).toBe(
      valueOf(after, "gatehouse_api_call_duration_seconds_count", {
        procedure: "account.logIn",
        outcome: "INVALID_CREDENTIALS",
      }),
    );
  });

  it("reads the hasher and the database pool with sane values, and has the default Node metrics", async () => {
    const samples = await scrape(harness);
    for (const limiter of ["hashing", "login_admission", "other_admission"]) {
      const slots = valueOf(samples, "gatehouse_password_hasher_slots", { limiter });
      const inUse = valueOf(samples, "gatehouse_password_hasher_in_use", { limiter });
      expect(slots).toBeGreaterThanOrEqual(1);
      // Nothing hashes between the calls above and this scrape.
      expect(inUse).toBe(0);
      expect(valueOf(samples, "gatehouse_password_hasher_queued", { limiter })).toBe(0);
      expect(
        samples.some((s) => s.name === "gatehouse_password_hasher_refusals_total" && s.labels.limiter === limiter),
      ).toBe(true);
    }
    const max = valueOf(samples, "gatehouse_database_connections_max", { provider });
    const inUse = valueOf(samples, "gatehouse_database_connections_in_use", { provider });
    expect(max).toBe(provider === "sqlite" ? 1 : 10);
    expect(inUse).toBeGreaterThanOrEqual(0);
    expect(inUse).toBeLessThanOrEqual(max);
    expect(valueOf(samples, "gatehouse_database_connections_waiting", { provider })).toBe(0);

    for (const name of [
      "gatehouse_process_cpu_user_seconds_total",
      "gatehouse_nodejs_eventloop_lag_seconds",
      "gatehouse_nodejs_heap_size_used_bytes",
    ]) {
      expect(
        samples.some((sample) => sample.name === name),
        name,
      ).toBe(true);
    }
  });

  it("carries no username, user id or client address in any label", async () => {
    const labelValues = (await scrape(harness)).flatMap((sample) => Object.values(sample.labels));
    expect(labelValues.length).toBeGreaterThan(0);
    for (const secret of [...usernames, ...ids, "127.0.0.1", "::1", "localhost"]) {
      expect(labelValues.filter((value) => value.includes(secret))).toEqual([]);
    }
  });
});

describe("the hasher's refusals", () => {
  it("counts each SERVICE_BUSY refusal of a saturated hasher once", async () => {
    const harness = await startHarness({ METRICS_TOKEN: TOKEN, HASHER_MAX_CONCURRENCY: "1", HASHER_MAX_WAIT_MS: "1" });
    try {
      const refusals = (samples: Sample[]) =>
        samples
          .filter((sample) => sample.name === "gatehouse_password_hasher_refusals_total")
          .reduce((sum, sample) => sum + sample.value, 0);
      const before = await scrape(harness);
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          outcomeOf(harness.browser().client.account.signUp.mutate({ username: `busy.user${i}`, password: PASSWORD })),
        ),
      );
      const busy = outcomes.filter((outcome) => outcome === "SERVICE_BUSY").length;
      expect(busy).toBeGreaterThan(0);
      expect(busy + outcomes.filter((outcome) => outcome === "ok").length).toBe(8);
      const after = await scrape(harness);
      expect(refusals(after) - refusals(before)).toBe(busy);
      expect(
        valueOf(after, "gatehouse_api_call_duration_seconds_count", {
          procedure: "account.signUp",
          outcome: "SERVICE_BUSY",
        }),
      ).toBe(busy);
    } finally {
      await harness.close();
    }
  });
});

describe("GET /livez: liveness, not readiness", () => {
  it("answers 200 {status: ok} as JSON, GET and HEAD only", async () => {
    const harness = await startHarness();
    try {
      const response = await fetch(`${harness.url}/livez`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "ok" });
      expect((await fetch(`${harness.url}/livez?probe=1`, { method: "HEAD" })).status).toBe(200);
      expect((await fetch(`${harness.url}/livez`, { method: "POST" })).status).toBe(405);
    } finally {
      await harness.close();
    }
  });

  it("answers 200 while PostgreSQL is unreachable, when health.check (readiness) answers 503", async () => {
    const harness = await startHarness({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/gatehouse?connect_timeout=2",
      METRICS_TOKEN: TOKEN,
    });
    try {
      const failure = await failureOf(harness.browser().client.health.check.query());
      expect(failure.data).toMatchObject({ httpStatus: 503, appCode: "SERVICE_UNAVAILABLE" });
      const response = await fetch(`${harness.url}/livez`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
      // The metrics need no database either: the pool reads 0 in use.
      const samples = await scrape(harness);
      expect(valueOf(samples, "gatehouse_database_connections_in_use", { provider: "postgresql" })).toBe(0);
      expect(
        valueOf(samples, "gatehouse_api_call_duration_seconds_count", {
          procedure: "health.check",
          outcome: "SERVICE_UNAVAILABLE",
        }),
      ).toBe(1);
    } finally {
      await harness.close().catch(() => undefined);
    }
  });
});
