// `pnpm bench [--quick]`: Gatehouse measured beside baselines taken in the same run on the
// same machine, reported as ratios (absolute numbers drift on shared machines; ratios hold).
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { repoRoot, startApp } from "./app";
import { hasherLimit, loginOverload, loginThroughput } from "./login-load";
import { formatTable, type Row } from "./row";
import { readBenchmarks } from "./read-load";
import { ADMIN_PAGE_BUDGET_BYTES, adminOverviewWeight, javascriptWeight } from "./web-weight";
import { listAtScale } from "./list-scale";
import { metricsCost } from "./metrics-cost";

const quick = process.argv.includes("--quick");
const seconds = quick ? 5 : 20;

async function main() {
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  const app = await startApp();
  try {
    // P1, P2, P7 (P7: with an API key): the authenticated read against its baselines, before the log-in load below.
    const reads = await readBenchmarks(app, { seconds });
    rows.push(...reads.rows);
    figures.authenticatedRead = reads.figures;

    const limit = await hasherLimit(quick ? 20 : 60);
    figures.hasher = limit;

    const throughput = await loginThroughput(app.url, seconds, limit.cores * 2);
    figures.loginThroughput = throughput;
    const p3 = throughput.requestsPerSecond / limit.perSecond;
    rows.push({
      id: "P3",
      measure: "successful log-ins per second vs the hasher limit (cores ÷ one verify)",
      gatehouse: `${throughput.requestsPerSecond.toFixed(1)} req/s`,
      baseline: `${limit.perSecond.toFixed(1)} /s (${limit.cores} × 1/${limit.verifyMs.toFixed(1)} ms)`,
      ratio: p3,
      goal: "≥ 0.9",
      met: p3 >= 0.9,
    });

    const overload = await loginOverload(app.url, limit.perSecond * 4, quick ? 5 : 15);
    figures.overload = overload;
    rows.push({
      id: "P4",
      measure: `log-in at 4× the limit: refusals' p99 (${(overload.busyShare * 100).toFixed(0)} % refused SERVICE_BUSY, ${overload.hung} unanswered)`,
      gatehouse: `p99 ${overload.busyP99Ms.toFixed(0)} ms`,
      baseline: "rejections ≤ 50 ms",
      ratio: overload.busyP99Ms / 50,
      goal: "≤ 1 and none hung",
      met: overload.busyP99Ms <= 50 && overload.hung === 0,
    });
    rows.push({
      id: "P4",
      measure: "log-in at 4× the limit: admitted log-ins' p99 vs one hash",
      gatehouse: `p99 ${overload.acceptedP99Ms.toFixed(0)} ms`,
      baseline: `${limit.verifyMs.toFixed(1)} ms`,
      ratio: overload.acceptedP99Ms / limit.verifyMs,
      goal: "≤ 3",
      met: overload.acceptedP99Ms <= 3 * limit.verifyMs,
    });

    const weight = await javascriptWeight(app.url, "/login");
    figures.loginPageJavascript = weight;
    rows.push({
      id: "P6",
      measure: `JavaScript Chromium loads for /login (${weight.scripts} files, gzip)`,
      gatehouse: `${(weight.gzipBytes / 1024).toFixed(1)} kB`,
      baseline: "150 kB",
      ratio: weight.gzipBytes / (150 * 1024),
      goal: "≤ 1",
      met: weight.gzipBytes <= 150 * 1024,
    });
    const admin = await adminOverviewWeight(app.url);
    figures.adminPageJavascript = admin;
    rows.push({
      id: "P6a",
      measure: `JavaScript Chromium loads for /admin, the overview (${admin.scripts} files, gzip)`,
      gatehouse: `${(admin.gzipBytes / 1024).toFixed(1)} kB`,
      baseline: `${ADMIN_PAGE_BUDGET_BYTES / 1024} kB`,
      ratio: admin.gzipBytes / ADMIN_PAGE_BUDGET_BYTES,
      goal: "≤ 1",
      met: admin.gzipBytes <= ADMIN_PAGE_BUDGET_BYTES,
    });
  } finally {
    await app.stop();
  }
  // P8: account.me recording metrics (scraped every second) vs without (its own two servers).
  const metrics = await metricsCost({ seconds });
  rows.push(...metrics.rows);
  figures.metricsCost = metrics.figures;

  const p5 = await listAtScale({ quick }); // P5: users.list at 1 k vs 1 M users (its own databases and servers)
  rows.push(...p5.rows);
  figures.listAtScale = p5.figures;

  console.log(formatTable(rows));
  const results = {
    when: new Date().toISOString(),
    mode: quick ? "quick" : "thorough",
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version },
    rows,
    figures,
  };
  mkdirSync(join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(join(repoRoot, "bench", "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("Written to bench/results/latest.json");
}

await main();
