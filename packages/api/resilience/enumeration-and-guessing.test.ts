// Account enumeration and online password guessing (issue 11), over real HTTP.
// - Log-in answers an unknown username and a wrong password alike: status, headers, body and
//   time. Sign-up cannot (it must say USERNAME_TAKEN); it is throttled per client IP instead.
// - Many wrong passwords at one account from many client IPs (behind a trusted proxy) are
//   stopped by the account's own budget; its owner gets in once the window has passed.
// - Without TRUST_PROXY (the default) a client's own X-Forwarded-For is ignored: every attempt
//   counts against the TCP peer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, PASSWORD, startHarness, type Browser, type Harness } from "../test/http-harness";
import { checkExchange, exchangeOf, type Exchange } from "./support/api-response";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("log-in tells nobody whether an account exists", () => {
  let harness: Harness;
  const KNOWN = "known.member";

  beforeAll(async () => {
    // Budgets far above the few hundred tries below, so the throttle never answers instead.
    harness = await startHarness({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "10000", LOGIN_MAX_ATTEMPTS_PER_IP: "100000" });
    await harness.browser().client.account.signUp.mutate({ username: KNOWN, password: PASSWORD });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function logIn(username: string, password: string): Promise<Exchange & { ms: number }> {
    const started = performance.now();
    const response = await fetch(`${harness.url}/api/trpc/account.logIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: harness.gatehouse.container.config.appOrigin },
      body: JSON.stringify({ username, password }),
    });
    const exchange = await exchangeOf(response);
    return { ...exchange, ms: performance.now() - started };
  }

  /** The parts of an answer that may differ between any two requests: the date and the request id. */
  function comparable(exchange: Exchange) {
    const headers: Array<[string, string]> = [];
    exchange.headers.forEach((value, name) => void (name !== "date" && headers.push([name, value])));
    const body = JSON.parse(exchange.text) as { error: { data: Record<string, unknown> } };
    expect(body.error.data.requestId).toEqual(expect.any(String));
    delete body.error.data.requestId;
    return { status: exchange.status, headers, body };
  }

  it("answers an unknown username and a wrong password with the same status, headers and body", async () => {
    const wrongPassword = await logIn(KNOWN, "not the password 1");
    const unknownUser = await logIn("nobody.at.all", "not the password 1");
    checkExchange(wrongPassword, "wrong password");
    checkExchange(unknownUser, "unknown user");

    expect(comparable(unknownUser)).toEqual(comparable(wrongPassword));
    expect(comparable(wrongPassword).body).toEqual({
      error: {
        code: -32001,
        message: "Invalid username or password.",
        data: { code: "UNAUTHORIZED", httpStatus: 401, appCode: "INVALID_CREDENTIALS" },
      },
    });
    // No cookie either way, and the same length (the request id has a fixed length).
    expect(unknownUser.headers.get("set-cookie")).toBeNull();
    expect(unknownUser.text.length).toBe(wrongPassword.text.length);
  });

  it("takes the same time: medians of 50 interleaved tries of each kind within 10 %", async () => {
    // Warm up both paths (the unknown-user path hashes against a dummy hash made on first use;
    // the JIT and the database's caches settle over the first few dozen requests).
    for (let i = 0; i < 20; i++) {
      await logIn(KNOWN, `warm-up password ${i}`);
      await logIn(`warm.up.ghost${i}`, `warm-up password ${i}`);
    }
    // One round: 50 tries of each kind, interleaved in alternating order so that drift (GC, a
    // busy neighbour on this 2-core machine) hits both alike. Each takes ~20 ms, almost all of
    // it Argon2id, so the median of 50 still wanders by a few per cent (300 tries each measured
    // 23.0 vs 23.0 ms): a round past 10 % is measured again, at most 3 rounds, all reported. A
    // real difference (an unknown name skipping the hash: ~3 vs ~20 ms) fails every round.
    const rounds: string[] = [];
    let difference = Number.POSITIVE_INFINITY;
    for (let round = 1; round <= 3 && difference >= 0.1; round++) {
      const times = { wrongPassword: [] as number[], unknownUser: [] as number[] };
      for (let i = 0; i < 50; i++) {
        const tries = [
          async () => times.wrongPassword.push((await logIn(KNOWN, `wrong password no ${round}.${i}`)).ms),
          async () =>
            times.unknownUser.push((await logIn(`ghost.member${round}x${i}`, `wrong password no ${round}.${i}`)).ms),
        ];
        if (i % 2) tries.reverse();
        for (const attempt of tries) await attempt();
      }
      expect(times.wrongPassword).toHaveLength(50);
      expect(times.unknownUser).toHaveLength(50);
      const wrong = median(times.wrongPassword);
      const unknown = median(times.unknownUser);
      difference = Math.abs(wrong - unknown) / Math.min(wrong, unknown);
      rounds.push(
        `round ${round}: wrong password ${wrong.toFixed(1)} ms, unknown user ${unknown.toFixed(1)} ms, difference ${(difference * 100).toFixed(1)} % ` +
          `(ranges ${Math.min(...times.wrongPassword).toFixed(1)}–${Math.max(...times.wrongPassword).toFixed(1)} and ` +
          `${Math.min(...times.unknownUser).toFixed(1)}–${Math.max(...times.unknownUser).toFixed(1)} ms)`,
      );
    }
    console.info(`[enumeration] log-in medians over 50 tries of each kind:\n  ${rounds.join("\n  ")}`);
    expect(difference).toBeLessThan(0.1);
  });

  it("sign-up of a taken name must say USERNAME_TAKEN (in any case), so sign-up is throttled per client IP", async () => {
    // Documented limitation: sign-up cannot hide that a name exists, or people could not be told
    // to pick another. What bounds enumeration through it is the per-IP sign-up budget (below).
    for (const name of [KNOWN, KNOWN.toUpperCase()]) {
      const failure = await failureOf(
        harness.browser().client.account.signUp.mutate({ username: name, password: PASSWORD }),
      );
      expect(failure.data).toMatchObject({ code: "CONFLICT", httpStatus: 409, appCode: "USERNAME_TAKEN" });
    }
    const throttled = await startHarness({ SIGNUP_MAX_PER_IP: "3", SIGNUP_THROTTLE_WINDOW_SECONDS: "60" });
    try {
      const signUp = (username: string) =>
        failureOf(throttled.browser().client.account.signUp.mutate({ username, password: PASSWORD })).then(
          (f) => f.data.appCode,
          () => "ok",
        );
      expect(await signUp("first.probe")).toBe("ok");
      // Probing names counts whether the name was free or taken.
      expect([await signUp("first.probe"), await signUp("FIRST.PROBE"), await signUp("first.probe")]).toEqual([
        "USERNAME_TAKEN",
        "USERNAME_TAKEN",
        "RATE_LIMITED",
      ]);
      expect(await signUp("other.probe")).toBe("RATE_LIMITED");
    } finally {
      await throttled.close();
    }
  });
});

describe("guessing one account's password from many client IPs (TRUST_PROXY=1)", () => {
  let harness: Harness;
  const BUDGET = 5;
  const WINDOW_SECONDS = 3;

  beforeAll(async () => {
    harness = await startHarness({
      TRUST_PROXY: "1",
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: String(BUDGET),
      LOGIN_MAX_ATTEMPTS_PER_IP: "100",
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    await harness.bootstrapSuperAdmin("root.admin");
    await harness.browser().client.account.signUp.mutate({ username: "guarded.user", password: PASSWORD });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const attempt = (username: string, password: string, ip: string) =>
    harness
      .browser({ forwardedFor: ip })
      .client.account.logIn.mutate({ username, password })
      .then(
        () => ({ appCode: "ok", retryAfterSeconds: undefined as number | undefined }),
        (error: { data: { appCode: string; httpStatus: number; retryAfterSeconds?: number } }) => error.data,
      );

  it("the account's budget stops them whatever the IP; the owner gets in after the window", async () => {
    const outcomes: string[] = [];
    let retryAfter = 0;
    for (let i = 1; i <= 30; i++) {
      const outcome = await attempt("guarded.user", `guess number ${i}`, `203.0.113.${i}`);
      outcomes.push(outcome.appCode);
      if (outcome.appCode === "RATE_LIMITED") {
        expect(outcome).toMatchObject({ httpStatus: 429 });
        expect(outcome.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(outcome.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
        retryAfter = Math.max(retryAfter, outcome.retryAfterSeconds!);
      }
    }
    expect(outcomes).toEqual([
      ...Array(BUDGET).fill("INVALID_CREDENTIALS"),
      ...Array(30 - BUDGET).fill("RATE_LIMITED"),
    ]);

    // The attempts really came from 30 addresses (the proxy header was believed): the audit log says so.
    const ips = await auditedIps(await harness.loggedIn("root.admin"));
    expect(ips.size).toBe(30);
    expect(ips).toContain("203.0.113.30");

    // During the window even the right password is refused: the budget belongs to the account
    // (the price of stopping distributed guessing; the window is short and a success resets it).
    expect((await attempt("guarded.user", PASSWORD, "198.51.100.1")).appCode).toBe("RATE_LIMITED");
    await sleep((retryAfter + 0.5) * 1000);
    expect((await attempt("guarded.user", PASSWORD, "198.51.100.1")).appCode).toBe("ok");
    // ...and a success forgives the account's count.
    for (let i = 1; i <= BUDGET; i++)
      expect((await attempt("guarded.user", `after number ${i}`, `192.0.2.${i}`)).appCode).toBe("INVALID_CREDENTIALS");
  });

  it("an unknown username is throttled exactly alike (the throttle tells no more than the answer)", async () => {
    const outcomes: string[] = [];
    for (let i = 1; i <= BUDGET + 3; i++)
      outcomes.push((await attempt("never.existed", `guess number ${i}`, `203.0.113.${100 + i}`)).appCode);
    expect(outcomes).toEqual([...Array(BUDGET).fill("INVALID_CREDENTIALS"), ...Array(3).fill("RATE_LIMITED")]);
  });
});

describe("without TRUST_PROXY (the default), X-Forwarded-For is ignored", () => {
  let harness: Harness;
  let root: Browser;
  const IP_BUDGET = 5;

  beforeAll(async () => {
    harness = await startHarness({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "100",
      LOGIN_MAX_ATTEMPTS_PER_IP: String(IP_BUDGET),
      LOGIN_THROTTLE_WINDOW_SECONDS: "60",
    });
    expect(harness.gatehouse.container.config.trustProxy).toBe(0);
    await harness.bootstrapSuperAdmin("root.admin");
    root = await harness.loggedIn("root.admin"); // before the spray: a success refunds its point
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("every attempt counts against the one peer address, however many addresses the header claims", async () => {
    const outcomes: string[] = [];
    for (let i = 1; i <= IP_BUDGET + 5; i++) {
      const browser = harness.browser({ forwardedFor: `203.0.113.${i}, 198.51.100.${i}` });
      outcomes.push(
        await browser.client.account.logIn.mutate({ username: `spray.target${i}`, password: `guess number ${i}` }).then(
          () => "ok",
          (error: { data: { appCode: string } }) => error.data.appCode,
        ),
      );
    }
    expect(outcomes).toEqual([...Array(IP_BUDGET).fill("INVALID_CREDENTIALS"), ...Array(5).fill("RATE_LIMITED")]);

    // The audit log recorded the real peer for every one of them.
    expect(await auditedIps(root)).toEqual(new Set(["127.0.0.1"]));
  });
});

/** Client IPs of the failed and throttled log-ins, read through the API by a super admin. */
async function auditedIps(root: Browser): Promise<Set<string | null>> {
  const failed = await root.client.audit.list.query({ type: "user.login_failed", limit: 100 });
  const tripped = await root.client.audit.list.query({ type: "throttle.tripped", limit: 100 });
  return new Set([...failed.items, ...tripped.items].map((event) => event.clientIp));
}
