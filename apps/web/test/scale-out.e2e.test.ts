// Scaling out, proven: two instances started with `pnpm start` on one PostgreSQL database,
// as they would run behind a load balancer. Sessions, throttle counters and users live in
// the database, so either instance serves any request.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAt, type Api } from "./api-over-http";
import { startApp, type AppUnderTest } from "./app-under-test";
import { bootstrapSuperAdmin } from "./seed";

/** The PostgreSQL server the tests create their databases on (as in packages/infra's tests). */
const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PASSWORD = "correct horse battery";
const name = `gatehouse_scale_out_${randomBytes(6).toString("hex")}`;

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let a: AppUnderTest;
let b: AppUnderTest;
let onA: Api;
let onB: Api;

beforeAll(async () => {
  await onServer(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${name}`;
  // An empty database: the first instance applies the migrations, the second finds none to apply.
  const env = { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "4" };
  a = await startApp({ databaseUrl: databaseUrl.toString(), env });
  b = await startApp({ databaseUrl: databaseUrl.toString(), env });
  [onA, onB] = [apiAt(a.url), apiAt(b.url)];
  await bootstrapSuperAdmin(a, "root.admin", PASSWORD);
  const admin = await logIn(onA, "root.admin");
  for (const username of ["roaming.user", "guessed.user"]) {
    const created = await onA.mutate("users.create", { username, password: PASSWORD, role: "user" }, { cookie: admin });
    expect(created.outcome).toBe("ok");
  }
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

async function logIn(api: Api, username: string, password = PASSWORD): Promise<string> {
  const answer = await api.mutate("account.logIn", { username, password });
  expect(answer.outcome).toBe("ok");
  return answer.sessionCookie!;
}

const meOn = async (api: Api, cookie: string) => {
  const answer = await api.query("account.me", undefined, { cookie });
  return answer.outcome === "ok"
    ? (answer.body as { result: { data: { username: string } } }).result.data.username
    : answer.outcome;
};

describe("two instances of `pnpm start` on one PostgreSQL database", () => {
  it("accept on B a session made on A, and the reverse", async () => {
    expect(a.url).not.toBe(b.url);
    expect(await meOn(onB, await logIn(onA, "roaming.user"))).toBe("roaming.user");
    expect(await meOn(onA, await logIn(onB, "roaming.user"))).toBe("roaming.user");
  });

  it("refuse on A, at once, the session of a user deactivated on B", async () => {
    const session = await logIn(onA, "roaming.user");
    expect(await meOn(onA, session)).toBe("roaming.user");
    const admin = await logIn(onB, "root.admin");
    const list = await onB.query("users.list", { search: "roaming" }, { cookie: admin });
    const [user] = (list.body as { result: { data: { items: Array<{ id: string }> } } }).result.data.items;
    expect((await onB.mutate("users.deactivate", { userId: user!.id }, { cookie: admin })).outcome).toBe("ok");
    expect(await meOn(onA, session)).toBe("NOT_AUTHENTICATED");
    expect((await onA.mutate("account.logIn", { username: "roaming.user", password: PASSWORD })).outcome).toBe(
      "ACCOUNT_INACTIVE",
    );
  });

  it("count log-in failures spread over A and B against one per-account budget", async () => {
    const outcomes: string[] = [];
    for (const api of [onA, onB, onA, onB]) {
      outcomes.push(
        (await api.mutate("account.logIn", { username: "guessed.user", password: "a wrong guess" })).outcome,
      );
    }
    expect(outcomes).toEqual(Array(4).fill("INVALID_CREDENTIALS"));
    // The budget (4) is spent: even the right password is refused now, on either instance.
    expect((await onA.mutate("account.logIn", { username: "guessed.user", password: PASSWORD })).outcome).toBe(
      "RATE_LIMITED",
    );
    expect((await onB.mutate("account.logIn", { username: "guessed.user", password: PASSWORD })).outcome).toBe(
      "RATE_LIMITED",
    );
  });
});
