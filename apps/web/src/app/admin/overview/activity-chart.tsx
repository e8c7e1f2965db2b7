import styles from "./overview.module.css";

export interface ChartPoint {
  /** What the table and the summary call the bucket ("14:00", "Tue 10 Mar"). */
  label: string;
  /** The axis label under the bar, or "" to leave it bare (24 hourly labels do not fit a phone). */
  tick: string;
  value: number;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): a round top for the axis. */
export function roundTop(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value)!;
}

const WIDTH = 320;
const HEIGHT = 130;
const PLOT = { left: 28, right: 4, top: 8, bottom: 22 };

/**
 * One measure as bars, drawn on the server as SVG: no chart JavaScript reaches the browser.
 * The SVG is an image to assistive technology (`role="img"`), named by its heading and
 * described by a one-sentence summary; the numbers themselves are in the table view.
 */
export function ActivityChart({
  id,
  title,
  summary,
  points,
  tone,
}: {
  id: string;
  title: string;
  summary: string;
  points: ChartPoint[];
  tone: "accent" | "danger" | "warning" | "ok";
}) {
  const top = roundTop(Math.max(0, ...points.map((point) => point.value)));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / points.length;
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  return (
    <svg
      className={`${styles.chart} ${styles[tone]}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-summary`}>{summary}</desc>
      {[0, top / 2, top].map((value) => (
        <g key={value}>
          <line className={styles.grid} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(value)} y2={y(value)} />
          <text className={styles.axis} x={PLOT.left - 4} y={y(value)} dy="0.32em" textAnchor="end">
            {Number.isInteger(value) ? value : ""}
          </text>
        </g>
      ))}
      {points.map((point, index) => {
        const x = PLOT.left + index * slot + (slot - barWidth) / 2;
        return (
          <g key={point.label}>
            {point.value > 0 && (
              <rect className={styles.bar} x={x} y={y(point.value)} width={barWidth} height={y(0) - y(point.value)} />
            )}
            {point.tick && (
              <text className={styles.axis} x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle">
                {point.tick}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
