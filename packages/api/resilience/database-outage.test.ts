// A database outage under load (issue 11): Gatehouse serves a PostgreSQL cluster of this
// test's own while clients keep signing up (writes) and reading their account (reads); the
// cluster is stopped and started again, without restarting the app.
//
// Required: while the database is down every request fails with 503 SERVICE_UNAVAILABLE, at
// once (refused, never waiting for a connection: no request takes the pool's timeout, no 500);
// once the database is back every client succeeds again by itself, and stays so; every
// acknowledged sign-up is there afterwards, and a failed one left nothing behind (no user row,
// no audit event, no session).
//
// Phases end on what the test observes, not on wall-clock sleeps, so a loaded machine only
// makes it slower, never wrong: the database is stopped once every writer has had sign-ups
// acknowledged (the durability check then has writes to check) and every reader has read;
// started again once every client has been refused while it was down; the load ends once
// every client has succeeded again, a few times. Times are measured and reported; the one
// time asserted is the pool's own timeout, the mark of a request that hung.
//
// The app uses the pool settings a deployment gets by default (no pool parameters in the URL).
import { createPrismaClient, type PrismaClient } from "@gatehouse/infra";
import { postgresPoolOptions } from "@gatehouse/infra/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startHarness, type Browser, type Harness } from "../test/http-harness";
import { label, percentile, settle, type Outcome } from "./support/outcome";
import { startPostgresCluster, type PostgresCluster } from "./support/postgres-cluster";

const WRITERS = 3;
const READERS = 3;
/** Acknowledged sign-ups per writer before the stop, refusals per client while down, successes per client after. */
const BEFORE_STOP = 3;
const WHILE_DOWN = 3;
const AFTER_START = 3;
/** A phase that has not ended after this long failed (a safety net: phases end by observation). */
const PHASE_LIMIT_MS = 60_000;

interface Call {
  kind: "write" | "read";
  loop: string;
  /** ms since the load started */
  start: number;
  end: number;
  outcome: Outcome<unknown>;
  /** For writes: the username signed up. */
  username?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PostgreSQL going down and coming back under load", () => {
  let cluster: PostgresCluster | undefined;
  let harness: Harness | undefined;
  let db: PrismaClient | undefined;
  let readers: Browser[] = [];
  let closed = false;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    harness = await startHarness(
      // Sign-ups hash a password: enough hashing room that the limiter never answers SERVICE_BUSY.
      { HASHER_MAX_CONCURRENCY: "4", HASHER_MAX_WAIT_MS: "10000" },
      { provider: "postgresql", url: cluster.url, remove: async () => undefined }, // the cluster goes in afterAll
    );
    db = createPrismaClient(cluster.url);
    readers = [];
    for (let i = 0; i < READERS; i++) {
      const username = `reader.${i}`;
      await harness.browser().client.account.signUp.mutate({ username, password: PASSWORD });
      readers.push(await harness.loggedIn(username));
    }
  });

  afterAll(async () => {
    try {
      await db?.$disconnect().catch(() => undefined);
      if (!closed) await Promise.race([harness?.close(), sleep(5_000)]);
    } finally {
      await cluster?.remove(); // stops the server and deletes the folder, even if the test failed
    }
  });

  it.each(["immediate", "fast"] as const)(
    "pg_ctl stop -m %s: 503 at once while down, back by itself, no acknowledged write lost or half-made",
    async (mode) => {
      const app = harness!;
      const pg = cluster!;
      const calls: Call[] = [];
      const t0 = performance.now();
      const now = () => performance.now() - t0;
      let running = true;

      const loop = async (
        name: string,
        kind: Call["kind"],
        call: (i: number) => { username?: string; run: () => Promise<unknown> },
      ) => {
        for (let i = 0; running; i++) {
          const { username, run } = call(i);
          const start = now();
          const outcome = await settle(run);
          calls.push({ kind, loop: name, start, end: now(), outcome, username });
          if (!outcome.ok) await sleep(20); // a client that retries, not a busy loop
        }
      };
      const loops = [
        ...Array.from({ length: WRITERS }, (_, w) => {
          const browser = app.browser();
          return loop(`writer ${w}`, "write", (i) => {
            const username = `${mode.slice(0, 4)}.w${w}.n${i}`;
            return { username, run: () => browser.client.account.signUp.mutate({ username, password: PASSWORD }) };
          });
        }),
        ...readers.map((reader, r) =>
          loop(`reader ${r}`, "read", () => ({ run: () => reader.client.account.me.query() })),
        ),
      ];

      const names = [
        ...Array.from({ length: WRITERS }, (_, w) => `writer ${w}`),
        ...readers.map((_, r) => `reader ${r}`),
      ];
      const count = (name: string, which: (call: Call) => boolean) =>
        calls.filter((c) => c.loop === name && which(c)).length;
      /** Waits until `done` holds (checked every 20 ms); throws, naming the phase, after PHASE_LIMIT_MS. */
      const until = async (phase: string, done: () => boolean) => {
        const limit = now() + PHASE_LIMIT_MS;
        while (!done()) {
          if (now() > limit) throw new Error(`${phase}: not observed within ${PHASE_LIMIT_MS} ms\n${pg.log()}`);
          await sleep(20);
        }
      };

      let stopAt = 0;
      let stoppedAt = 0;
      let startAt = 0;
      let readyAt = 0;
      try {
        await until("steady state before the stop", () =>
          names.every((name) => count(name, (c) => c.outcome.ok) >= (name.startsWith("writer") ? BEFORE_STOP : 1)),
        );
        stopAt = now();
        await pg.stop(mode);
        stoppedAt = now();
        await until("every client refused while the database is down", () =>
          names.every((name) => count(name, (c) => c.start >= stoppedAt && !c.outcome.ok) >= WHILE_DOWN),
        );
        startAt = now();
        await pg.start();
        readyAt = now();
        await until("every client back", () =>
          names.every((name) => count(name, (c) => c.start >= readyAt && c.outcome.ok) >= AFTER_START),
        );
      } finally {
        running = false;
        await Promise.all(loops);
      }

      // --- Timings -----------------------------------------------------------------------
      const failures = calls.filter((c) => !c.outcome.ok);
      const whileDown = calls.filter((c) => c.start >= stoppedAt && c.end <= startAt);
      const firstFailure = failures.find((c) => c.end >= stopAt);
      const loopNames = [...new Set(calls.map((c) => c.loop))];
      const recoveryOf = (name: string) => {
        const first = calls.find((c) => c.loop === name && c.start >= readyAt && c.outcome.ok);
        return first ? first.end - readyAt : Number.POSITIVE_INFINITY;
      };
      const recoverRead = Math.max(...loopNames.filter((n) => n.startsWith("reader")).map(recoveryOf));
      const recoverWrite = Math.max(...loopNames.filter((n) => n.startsWith("writer")).map(recoveryOf));
      const failMs = failures.map((c) => c.outcome.ms);
      const writes = calls.filter((c) => c.kind === "write");
      const acknowledged = writes.filter((c) => c.outcome.ok);
      const refused = writes.filter((c) => !c.outcome.ok);
      console.info(
        [
          `[database-outage/${mode}] ${calls.length} requests (${writes.length} sign-ups, ${calls.length - writes.length} account.me) from ${WRITERS} writers + ${READERS} readers`,
          `  pg_ctl stop -m ${mode} took ${(stoppedAt - stopAt).toFixed(0)} ms; down for ${(startAt - stoppedAt).toFixed(0)} ms; pg_ctl start took ${(readyAt - startAt).toFixed(0)} ms`,
          `  first 503 came ${firstFailure ? (firstFailure.end - stopAt).toFixed(0) : "-"} ms after the stop began`,
          `  time-to-fail while down: ${whileDown.length} requests, median ${percentile(
            whileDown.map((c) => c.outcome.ms),
            50,
          ).toFixed(1)} ms, ` +
            `p99 ${percentile(
              whileDown.map((c) => c.outcome.ms),
              99,
            ).toFixed(1)} ms, max ${Math.max(...whileDown.map((c) => c.outcome.ms)).toFixed(1)} ms; ` +
            `slowest failure overall ${Math.max(...failMs).toFixed(1)} ms (${failures.length} failures)`,
          `  time-to-recover after the database was ready: reads ${recoverRead.toFixed(0)} ms, writes ${recoverWrite.toFixed(0)} ms ` +
            `(${(Math.max(recoverRead, recoverWrite) + readyAt - startAt).toFixed(0)} ms after pg_ctl start was run)`,
          `  sign-ups: ${acknowledged.length} acknowledged, ${refused.length} refused with 503`,
        ].join("\n"),
      );

      // --- While down: clean 503s, at once ---------------------------------------------------
      expect(whileDown.length).toBeGreaterThanOrEqual(names.length * WHILE_DOWN);
      // A request that waited for a pooled connection takes the pool's timeout (5 s by default):
      // that is a hang, however loaded the machine; a refused connection fails well before it.
      const hangMs = postgresPoolOptions(pg.url).connectionTimeoutMillis;
      for (const call of calls) {
        // Never anything but success or 503 SERVICE_UNAVAILABLE (no 500, no SERVICE_BUSY) ...
        expect(["ok", "503 SERVICE_UNAVAILABLE"], `${call.loop} at ${call.start.toFixed(0)} ms`).toContain(
          label(call.outcome),
        );
        // ... and no request hangs, whenever it came.
        expect(call.outcome.ms, `${call.loop} at ${call.start.toFixed(0)} ms`).toBeLessThan(hangMs);
      }
      for (const call of whileDown) expect(label(call.outcome)).toBe("503 SERVICE_UNAVAILABLE");
      for (const failure of failures) {
        if (failure.outcome.ok) continue;
        expect(failure.outcome.message).toBe("The database is unavailable. Please try again shortly.");
      }

      // --- Back by itself, without restarting the app, and for good ---------------------------
      for (const name of loopNames) {
        const mine = calls.filter((c) => c.loop === name);
        const firstBack = mine.findIndex((c) => c.start >= readyAt && c.outcome.ok);
        expect(firstBack, `${name} succeeded after the database was back`).toBeGreaterThanOrEqual(0);
        // Once a client has succeeded again, nothing fails any more: no dead pooled connection left.
        expect(
          mine.slice(firstBack).map((c) => label(c.outcome)),
          `${name} after it was back`,
        ).toEqual(mine.slice(firstBack).map(() => "ok"));
      }
      // Steady state before the stop was all successes (the test measured what it meant to) ...
      const beforeStop = calls.filter((c) => c.end < stopAt);
      expect(beforeStop.map((c) => label(c.outcome))).toEqual(beforeStop.map(() => "ok"));
      // ... and every writer had sign-ups acknowledged before the stop: the durability check
      // below cannot pass for want of writes.
      for (let w = 0; w < WRITERS; w++) {
        const acknowledgedBefore = writes.filter((c) => c.loop === `writer ${w}` && c.end < stopAt && c.outcome.ok);
        expect(acknowledgedBefore.length, `writer ${w}: sign-ups acknowledged before the stop`).toBeGreaterThanOrEqual(
          BEFORE_STOP,
        );
      }

      // --- Durability and atomicity of the writes ---------------------------------------------
      const rows = await db!.user.findMany({ where: { usernameKey: { startsWith: `${mode.slice(0, 4)}.w` } } });
      const rowByName = new Map(rows.map((row) => [row.usernameKey, row]));
      // Every acknowledged sign-up survived the stop (an immediate stop is a crash: WAL recovery).
      for (const call of acknowledged) {
        const row = rowByName.get(call.username!);
        expect(row, `acknowledged sign-up ${call.username}`).toBeDefined();
        expect(row!.id).toBe((call.outcome as { value: { id: string } }).value.id);
      }
      // A refused sign-up left no row, unless it was in flight when the server stopped and its
      // commit reached the disk just before its answer was lost (in doubt; then it is whole).
      const inDoubt = refused.filter((c) => c.start < stoppedAt && c.end >= stopAt);
      const presentAfterRefusal = refused.filter((c) => rowByName.has(c.username!));
      for (const call of presentAfterRefusal)
        expect(inDoubt, `refused sign-up ${call.username} is present`).toContain(call);
      // No rows from nowhere.
      expect(rows.length).toBe(acknowledged.length + presentAfterRefusal.length);
      // Whole, not half: each row has exactly its one audit event, each event its row, and
      // sign-ups start no session.
      const ids = rows.map((row) => row.id);
      const events = await db!.auditEvent.findMany({ where: { type: "user.signed_up", targetId: { in: ids } } });
      expect(events.map((event) => event.targetId).sort()).toEqual([...ids].sort());
      const readerIds = new Set(
        (await db!.user.findMany({ where: { usernameKey: { startsWith: "reader." } } })).map((u) => u.id),
      );
      const allSignUpEvents = await db!.auditEvent.findMany({ where: { type: "user.signed_up" } });
      const allUserIds = new Set((await db!.user.findMany({ select: { id: true } })).map((u) => u.id));
      for (const event of allSignUpEvents)
        expect(allUserIds.has(event.targetId!), `audit event of sign-up ${event.targetId}`).toBe(true);
      expect(await db!.session.count({ where: { userId: { in: ids } } })).toBe(0);
      // The readers' sessions survived the outage (they are read again above, after recovery).
      expect(await db!.session.count({ where: { userId: { in: [...readerIds] } } })).toBe(READERS);
      console.info(
        `  durability: all ${acknowledged.length} acknowledged sign-ups present; ${presentAfterRefusal.length} refused-but-committed (in doubt: ${inDoubt.length})`,
      );
    },
  );

  it("after the outages the app still shuts down at once: every pooled connection was given back", async () => {
    // Closing the pool waits for every connection it lent. A transaction cut by the outage
    // that never gave its connection back would hang this, and would have shrunk the pool
    // for good (see packages/infra/src/persistence/pooled-pg.adapter.ts).
    const started = performance.now();
    const result = await Promise.race([
      harness!.close().then(() => "closed"),
      sleep(5_000).then(() => "still waiting"),
    ]);
    console.info(`[database-outage] app shut down in ${(performance.now() - started).toFixed(0)} ms after the outages`);
    expect(result).toBe("closed");
    closed = true;
  });
});
