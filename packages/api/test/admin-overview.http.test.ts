import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeOf, PASSWORD, startSuite, stopSuite, type Provider, type Suite } from "./http-harness";

type Overview = Awaited<ReturnType<Suite["root"]["client"]["admin"]["overview"]["query"]>>;
type Counts = Pick<Overview["last24Hours"]["buckets"][number], "signUps" | "logIns" | "failedLogIns" | "throttled">;

/** The counts of a chart's last bucket (the current hour, or today). */
function lastBucket(series: Overview["last24Hours"]): Counts {
  const { signUps, logIns, failedLogIns, throttled } = series.buckets.at(-1)!;
  return { signUps, logIns, failedLogIns, throttled };
}

function difference(after: Counts, before: Counts): Counts {
  return {
    signUps: after.signUps - before.signUps,
    logIns: after.logIns - before.logIns,
    failedLogIns: after.failedLogIns - before.failedLogIns,
    throttled: after.throttled - before.throttled,
  };
}

// A tiny per-account budget, so a few wrong passwords trip the throttle.
describe.each<Provider>(["sqlite", "postgresql"])("admin.overview over HTTP (%s)", (provider) => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await startSuite(provider, { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "3" });
  });
  afterAll(async () => {
    await stopSuite(suite);
  });

  it("answers plain JSON: ISO dates, 24 hourly and 7 daily buckets, every role", async () => {
    const overview = await suite.root.client.admin.overview.query();
    const now = suite.harness.clock.now();
    expect(new Date(overview.generatedAt).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(overview.last24Hours.buckets).toHaveLength(24);
    expect(overview.last7Days.buckets).toHaveLength(7);
    expect(Date.parse(overview.last24Hours.end) - Date.parse(overview.last24Hours.start)).toBe(24 * 3_600_000);
    expect(Date.parse(overview.last7Days.end) - Date.parse(overview.last7Days.start)).toBe(7 * 86_400_000);
    expect(overview.last24Hours.start).toBe(overview.last24Hours.buckets[0]!.start);
    const hourStart = new Date(Math.floor(Date.parse(overview.generatedAt) / 3_600_000) * 3_600_000).toISOString();
    expect(overview.last24Hours.buckets.at(-1)!.start).toBe(hourStart);
    expect(overview.last7Days.buckets.at(-1)!.start).toBe(`${overview.generatedAt.slice(0, 10)}T00:00:00.000Z`);
    expect(overview.usersByRole).toEqual({
      super_admin: { active: 1, inactive: 0 },
      admin: { active: 0, inactive: 0 },
      user: { active: 0, inactive: 0 },
    });
    expect(overview.activeSessions).toBe(1); // the super admin's own
  });

  it("counts real sign-ups, log-ins, a wrong password and a throttle trip, live sessions and users by role", async () => {
    const { harness, root } = suite;
    const before = await root.client.admin.overview.query();

    for (const username of ["ada.lovelace", "grace.hopper"]) {
      await harness.browser().client.account.signUp.mutate({ username, password: PASSWORD });
    }
    await harness.loggedIn("ada.lovelace");
    await harness.loggedIn("ada.lovelace");
    await harness.loggedIn("grace.hopper");
    const wrong = () =>
      harness.browser().client.account.logIn.mutate({ username: "grace.hopper", password: "not it at all" });
    // Three wrong passwords spend grace.hopper's budget of 3; the fourth attempt is throttled.
    for (let i = 0; i < 3; i++) expect(await outcomeOf(wrong())).toBe("INVALID_CREDENTIALS");
    expect(await outcomeOf(wrong())).toBe("RATE_LIMITED");
    await root.client.users.create.mutate({ username: "an.admin", password: PASSWORD, role: "admin" });
    const { id: quitter } = await root.client.users.create.mutate({
      username: "quitter",
      password: PASSWORD,
      role: "user",
    });
    await root.client.users.deactivate.mutate({ userId: quitter });

    const after = await root.client.admin.overview.query();
    const expected = { signUps: 2, logIns: 3, failedLogIns: 3, throttled: 1 };
    // The clock may pass an hour or a day between the two reads: then the new bucket holds it all.
    const sameHour = after.last24Hours.buckets.at(-1)!.start === before.last24Hours.buckets.at(-1)!.start;
    const sameDay = after.last7Days.buckets.at(-1)!.start === before.last7Days.buckets.at(-1)!.start;
    const zero = { signUps: 0, logIns: 0, failedLogIns: 0, throttled: 0 };
    expect(difference(lastBucket(after.last24Hours), sameHour ? lastBucket(before.last24Hours) : zero)).toEqual(
      expected,
    );
    expect(difference(lastBucket(after.last7Days), sameDay ? lastBucket(before.last7Days) : zero)).toEqual(expected);
    expect(after.activeSessions).toBe(before.activeSessions + 3);
    expect(after.usersByRole).toEqual({
      super_admin: { active: 1, inactive: 0 },
      admin: { active: 1, inactive: 0 },
      user: { active: 2, inactive: 1 },
    });
  });

  it("no longer counts a session once it ends", async () => {
    const { harness, root } = suite;
    const before = (await root.client.admin.overview.query()).activeSessions;
    const browser = await harness.loggedIn("ada.lovelace");
    expect((await root.client.admin.overview.query()).activeSessions).toBe(before + 1);
    await browser.client.account.logOut.mutate();
    expect((await root.client.admin.overview.query()).activeSessions).toBe(before);
  });
});
