// Scaling out, proven: two instances started with `pnpm start` on one PostgreSQL database,
// as they would run behind a load balancer. Sessions, throttle counters and users live in
// the database, so either instance serves any request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAt, type Api } from "./api-over-http";
import { startApp, type AppUnderTest } from "./app-under-test";
import { createPostgresDatabase, type PostgresDatabase } from "./postgres-database";
import { bootstrapSuperAdmin } from "./seed";

/** The PostgreSQL server the tests create their databases on (as in packages/infra's tests). */
const PASSWORD = "correct horse battery";
let database: PostgresDatabase;

let a: AppUnderTest;
let b: AppUnderTest;
let onA: Api;
let onB: Api;

beforeAll(async () => {
  database = await createPostgresDatabase("scale_out");
  // An empty database: the first instance applies the migrations, the second finds none to apply.
  const env = { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "4" };
  a = await startApp({ databaseUrl: database.url, env });
  b = await startApp({ databaseUrl: database.url, env });
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
  await database?.drop();
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
