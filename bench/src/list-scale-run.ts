// P5 alone: `npx tsx src/list-scale-run.ts [--quick]` (pnpm bench runs it with the rest).
import { listAtScale } from "./list-scale";

const result = await listAtScale({ quick: process.argv.includes("--quick") });
console.table(
  result.rows.map(({ ratio, met, ...row }) => ({ ...row, ratio: ratio.toFixed(2), met: met ? "yes" : "NO" })),
);
console.log("For information, the first page as the admin console asks for it (includeTotal: true):");
console.table(
  result.figures.withTotal.map((figure) => ({
    database: figure.provider,
    search: figure.search ?? "none",
    [`${result.figures.sizes.large}`]: `${figure.largeMs.toFixed(2)} ms`,
    [`${result.figures.sizes.small}`]: `${figure.smallMs.toFixed(2)} ms`,
    ratio: figure.ratio.toFixed(2),
  })),
);
console.log(JSON.stringify(result.figures, null, 2));
