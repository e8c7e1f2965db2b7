import styles from "./overview.module.css";

export interface RoleCount {
  /** The role as people read it ("Super admin"). */
  label: string;
  active: number;
  inactive: number;
}

const WIDTH = 320;
const ROW = 28;
const LABEL = 88;
const COUNT = 40;

/**
 * Users by role as horizontal bars, active and inactive side by side on one scale, drawn on
 * the server as SVG. An image to assistive technology, named and summed up in a sentence; the
 * table beside it holds the numbers.
 */
export function RoleChart({ id, roles }: { id: string; roles: RoleCount[] }) {
  const most = Math.max(1, ...roles.map(({ active, inactive }) => active + inactive));
  const barSpace = WIDTH - LABEL - COUNT;
  const width = (count: number) => (count / most) * barSpace;
  const summary = roles
    .map(({ label, active, inactive }) => `${label}: ${active} active, ${inactive} inactive`)
    .join("; ");
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${roles.length * ROW}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
    >
      <title id={`${id}-title`}>Users by role</title>
      <desc id={`${id}-summary`}>{`${summary}.`}</desc>
      {roles.map(({ label, active, inactive }, index) => {
        const y = index * ROW + 6;
        return (
          <g key={label}>
            <text className={styles.axis} x={0} y={y + 8} dy="0.32em">
              {label}
            </text>
            {active > 0 && (
              <rect className={`${styles.bar} ${styles.accent}`} x={LABEL} y={y} width={width(active)} height={16} />
            )}
            {inactive > 0 && (
              <rect
                className={`${styles.bar} ${styles.inactive}`}
                x={LABEL + width(active)}
                y={y}
                width={width(inactive)}
                height={16}
              />
            )}
            <text className={styles.axis} x={WIDTH} y={y + 8} dy="0.32em" textAnchor="end">
              {active + inactive}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
