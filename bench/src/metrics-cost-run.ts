// P8 alone: `npx tsx src/metrics-cost-run.ts [--quick]` (pnpm bench runs it with the rest).
import { metricsCost } from "./metrics-cost";
import { formatTable } from "./row";

const result = await metricsCost({ seconds: process.argv.includes("--quick") ? 5 : 20 });
console.log(formatTable(result.rows));
console.log(JSON.stringify(result.figures, null, 2));
