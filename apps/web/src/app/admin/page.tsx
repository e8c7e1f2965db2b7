import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { ROLE_LABELS } from "../../lib/labels";
import { getGatehouse } from "../../server/gatehouse";
import { requireAdministrator } from "../../server/require-administrator";
import { ActivityChart, type ChartPoint } from "./overview/activity-chart";
import { RoleChart } from "./overview/role-chart";
import styles from "./overview/overview.module.css";

export const metadata: Metadata = { title: "Overview" };

type Overview = Awaited<ReturnType<ReturnType<ReturnType<typeof getGatehouse>["callerFor"]>["admin"]["overview"]>>;
type Series = Overview["last24Hours"];
type Measure = "signUps" | "logIns" | "failedLogIns" | "throttled";

// `column`: the table's header, short with non-breaking hyphens, so five columns fit a phone.
const MEASURES: ReadonlyArray<{
  key: Measure;
  title: string;
  column: string;
  tone: "accent" | "ok" | "danger" | "warning";
}> = [
  { key: "signUps", title: "Sign-ups", column: "Sign\u2011ups", tone: "accent" },
  { key: "logIns", title: "Log-ins", column: "Log\u2011ins", tone: "ok" },
  { key: "failedLogIns", title: "Failed log-ins", column: "Failed log\u2011ins", tone: "danger" },
  { key: "throttled", title: "Throttled attempts", column: "Throttled", tone: "warning" },
];

const RANGES = {
  "24h": { label: "Last 24 hours", href: "/admin", per: "hour", column: "Hour (UTC)" },
  "7d": { label: "Last 7 days", href: "/admin?range=7d", per: "day", column: "Day (UTC)" },
} as const;
type Range = keyof typeof RANGES;

const ROLES = ["super_admin", "admin", "user"] as const;

const HOUR = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});
const DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

/** Each bucket's name in the table and summary, and its label under the bar (every sixth hour; every day). */
function labelsOf(series: Series): Array<{ label: string; tick: string }> {
  return series.buckets.map(({ start }) => {
    const date = new Date(start);
    if (series.bucket === "day") return { label: DAY.format(date), tick: DAY.format(date).replace(/ \w+$/, "") };
    const hour = date.getUTCHours();
    return { label: HOUR.format(date), tick: hour % 6 === 0 ? `${String(hour).padStart(2, "0")}:00` : "" };
  });
}

/** One sentence that says what a chart shows: its total and its busiest bucket. */
function summaryOf(title: string, range: Range, points: ChartPoint[]): string {
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const what = `${title} per ${RANGES[range].per}, ${RANGES[range].label.toLowerCase()} (UTC)`;
  if (total === 0) return `${what}: none.`;
  const busiest = points.reduce((best, point) => (point.value > best.value ? point : best));
  return `${what}: ${total} in all; the most, ${busiest.value}, in ${busiest.label}.`;
}

/** The console's first page: what happened lately, who is signed in, who has which role. */
export default async function AdminOverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdministrator();
  const range: Range = (await searchParams).range === "7d" ? "7d" : "24h";
  const overview = await getGatehouse()
    .callerFor(await headers())
    .admin.overview();
  const series = range === "7d" ? overview.last7Days : overview.last24Hours;
  const labels = labelsOf(series);
  const pointsOf = (key: Measure): ChartPoint[] =>
    series.buckets.map((bucket, index) => ({ ...labels[index]!, value: bucket[key] }));
  const totalOf = (key: Measure) => series.buckets.reduce((sum, bucket) => sum + bucket[key], 0);

  return (
    <div className="stack wide">
      <section className="card" aria-labelledby="overview-title">
        <h1 id="overview-title">Overview</h1>
        <p className="summary">
          From the audit log, in UTC, as of{" "}
          <time dateTime={overview.generatedAt}>{TIME.format(new Date(overview.generatedAt))}</time>.
        </p>
        <nav aria-label="Time range">
          <ul className={styles.ranges}>
            {(Object.keys(RANGES) as Range[]).map((key) => (
              <li key={key}>
                <Link href={RANGES[key].href} aria-current={key === range ? "page" : undefined} prefetch={false}>
                  {RANGES[key].label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ul className={styles.charts}>
          {MEASURES.map(({ key, title, tone }) => (
            <li key={key}>
              <h2 className={styles.chartTitle}>
                {title} <span className={styles.total}>{totalOf(key)}</span>
              </h2>
              <ActivityChart
                id={`chart-${key}`}
                title={`${title}, ${RANGES[range].label.toLowerCase()}`}
                summary={summaryOf(title, range, pointsOf(key))}
                points={pointsOf(key)}
                tone={tone}
              />
            </li>
          ))}
        </ul>
        <details className={styles.tableView}>
          <summary>Show as table</summary>
          <div className="table-scroll">
            <table className={styles.numbers}>
              <caption className="summary">
                {RANGES[range].label}, per {RANGES[range].per} (UTC)
              </caption>
              <thead>
                <tr>
                  <th scope="col">{RANGES[range].column}</th>
                  {MEASURES.map(({ key, column }) => (
                    <th scope="col" key={key}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.buckets.map((bucket, index) => (
                  <tr key={bucket.start}>
                    <th scope="row">
                      <time dateTime={bucket.start}>{labels[index]!.label}</time>
                    </th>
                    {MEASURES.map(({ key }) => (
                      <td key={key}>{bucket[key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {MEASURES.map(({ key }) => (
                    <td key={key}>{totalOf(key)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </details>
      </section>
      <section className={`card ${styles.facts}`} aria-label="Sessions and users">
        <div>
          <h2 id="sessions-title">Active sessions</h2>
          <p className={styles.bigNumber}>{overview.activeSessions}</p>
          <p className="aside">Signed in now: neither idle past their expiry nor past their absolute lifetime.</p>
        </div>
        <div>
          <h2 id="roles-title">Users by role</h2>
          <RoleChart
            id="chart-roles"
            roles={ROLES.map((role) => ({ label: ROLE_LABELS[role], ...overview.usersByRole[role] }))}
          />
          <p className={`aside ${styles.legend}`}>
            <span className={styles.accent}>Active</span> <span className={styles.inactive}>Inactive</span>
          </p>
          <div className="table-scroll">
            <table className={styles.numbers} aria-labelledby="roles-title">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Active</th>
                  <th scope="col">Inactive</th>
                </tr>
              </thead>
              <tbody>
                {ROLES.map((role) => (
                  <tr key={role}>
                    <th scope="row">{ROLE_LABELS[role]}</th>
                    <td>{overview.usersByRole[role].active}</td>
                    <td>{overview.usersByRole[role].inactive}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    </div>
  );
}
