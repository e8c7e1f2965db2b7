import { Agent, request as httpRequest } from "node:http";
import { availableParallelism } from "node:os";
import { RawPassword } from "@gatehouse/core";
import { Argon2idPasswordHasher } from "@gatehouse/infra";
import autocannon from "autocannon";
import { BENCH_USER } from "./app";
import { percentile } from "./row";

const LOGIN_BODY = JSON.stringify(BENCH_USER);

/** The hasher limit: how many Argon2id verifications per second this machine's cores can do. */
export async function hasherLimit(samples: number): Promise<{ verifyMs: number; cores: number; perSecond: number }> {
  const cores = availableParallelism();
  const hasher = new Argon2idPasswordHasher({ pepper: new Uint8Array(32), maxConcurrency: cores, maxWaitMs: 60_000 });
  const password = RawPassword.create(BENCH_USER.password);
  const hash = await hasher.hash(password);
  for (let i = 0; i < 3; i++) await hasher.verify(hash, password); // warm up
  const started = performance.now();
  for (let i = 0; i < samples; i++) await hasher.verify(hash, password);
  const verifyMs = (performance.now() - started) / samples;
  return { verifyMs, cores, perSecond: (cores * 1000) / verifyMs };
}

/**
 * P3: successful log-ins per second the server sustains. Closed-loop load from autocannon
 * with twice as many connections as hashing slots: enough to keep every slot busy without
 * overloading (overload is P4's subject).
 */
export async function loginThroughput(url: string, seconds: number, connections: number) {
  const result = await autocannon({
    url: `${url}/api/trpc/account.logIn`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: LOGIN_BODY,
    connections,
    duration: seconds,
  });
  // result.duration: the seconds autocannon actually ran
  return {
    requestsPerSecond: result["2xx"] / result.duration,
    ok: result["2xx"],
    other: result.non2xx,
    p99Ms: result.latency.p99,
  };
}

/**
 * P4: an open-loop log-in load at `rate` requests per second for `seconds` (requests are
 * sent on schedule whether or not earlier ones have answered, as real overload arrives),
 * over at most `connections` keep-alive connections, as a reverse proxy in front of the app
 * would hold: a request waiting for a free connection is already late, and its wait counts.
 * Every request has a 30 s deadline from its scheduled time; one that never answers counts
 * as hung.
 *
 * The same load runs for `warmUpSeconds` first, unmeasured: the connections are opened and
 * the refusal path compiled before anything counts, so a 5 s quick run and a 15 s default
 * run measure the same steady overload (without it, the quick run's p99 was the start-up's).
 */
export async function loginOverload(
  url: string,
  rate: number,
  seconds: number,
  { connections = 64, warmUpSeconds = 3 } = {},
) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(`${url}/api/trpc/account.logIn`);
  const post = (sent: number, outcome: Outcomes) =>
    new Promise<void>((done) => {
      const request = httpRequest(
        target,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(LOGIN_BODY) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const latency = performance.now() - sent;
            const body = Buffer.concat(chunks).toString();
            if (response.statusCode === 200) outcome.accepted.push(latency);
            else if (response.statusCode === 503 && body.includes("SERVICE_BUSY")) outcome.busy.push(latency);
            else outcome.other += 1;
            done();
          });
        },
      );
      const deadline = setTimeout(
        () => request.destroy(new Error("deadline")),
        Math.max(0, sent + 30_000 - performance.now()),
      );
      request.on("error", () => {
        outcome.hung += 1; // no answer within the deadline
        done();
      });
      request.on("close", () => clearTimeout(deadline));
      request.end(LOGIN_BODY);
    });
  const openLoop = async (duration: number): Promise<Outcomes & { sent: number }> => {
    const outcome: Outcomes = { accepted: [], busy: [], hung: 0, other: 0 };
    const inFlight: Promise<void>[] = [];
    const total = Math.round(rate * duration);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      inFlight.push(post(due, outcome));
    }
    await Promise.all(inFlight);
    return { ...outcome, sent: total };
  };
  await openLoop(warmUpSeconds);
  const { sent, accepted, busy, hung, other } = await openLoop(seconds);
  agent.destroy();
  return {
    sent,
    warmUpSeconds,
    accepted: accepted.length,
    busy: busy.length,
    busyShare: busy.length / sent,
    hung,
    other,
    busyP99Ms: percentile(busy, 99),
    acceptedP99Ms: percentile(accepted, 99),
  };
}

interface Outcomes {
  accepted: number[];
  busy: number[];
  hung: number;
  other: number;
}
