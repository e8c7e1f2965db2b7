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

/** Column widths of the printed table: with two spaces between, a line is at most 120 characters. */
const COLUMNS: Array<[keyof Row | "ratio" | "met", string, number]> = [
  ["id", "id", 3],
  ["measure", "measure", 44],
  ["gatehouse", "Gatehouse", 22],
  ["baseline", "baseline", 22],
  ["ratio", "ratio", 6],
  ["goal", "goal", 8],
  ["met", "met", 3],
];

/** `text` in lines of at most `width` characters, broken at spaces where it can be. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    for (let rest = word; rest.length > 0;) {
      const room = line ? width - line.length - 1 : width;
      if (rest.length <= room) {
        line = line ? `${line} ${rest}` : rest;
        rest = "";
      } else if (line) {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The rows as a table of at most 120 columns; long cells wrap onto more lines. */
export function formatTable(rows: Row[]): string {
  const cells = (row: Record<string, string>) => COLUMNS.map(([key, , width]) => wrap(row[key] ?? "", width));
  const render = (columns: string[][]) => {
    const height = Math.max(...columns.map((lines) => lines.length));
    return Array.from({ length: height }, (_, i) =>
      columns
        .map((lines, c) => (lines[i] ?? "").padEnd(COLUMNS[c]![2]))
        .join("  ")
        .trimEnd(),
    );
  };
  const header = render(COLUMNS.map(([, title]) => [title]));
  const rule = COLUMNS.map(([, , width]) => "-".repeat(width)).join("  ");
  const body = rows.flatMap((row) =>
    render(cells({ ...row, ratio: row.ratio.toFixed(2), met: row.met ? "yes" : "NO" })),
  );
  return [...header, rule, ...body].join("\n");
}
