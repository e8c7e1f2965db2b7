/** One line of the `pnpm bench` table: Gatehouse's figure, its baseline's, and their ratio. */
export interface Row {
  id: string;
  measure: string;
  gatehouse: string;
  baseline: string;
  ratio: number;
  goal: string;
  met: boolean;
}

/** The p-th percentile (nearest rank) of some measurements; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
