/**
 * @module A bar chart drawn on the server as SVG: no script, no inline style (the pages' policy
 * allows neither), colours as attributes and classes of the stylesheet. A screen reader gets the
 * chart's title (`<title>`, `aria-labelledby`), its text summary (shown under it,
 * `aria-describedby`) and a visually hidden table of the spans that had any activity.
 */

/** One bar: the start of its span (epoch ms) and its value. */
export interface BarPoint {
  readonly start: number;
  readonly value: number;
}

/** What {@link BarChart} draws. */
export interface BarChartProps {
  /** Unique on the page; prefixes the ids of the title and description. */
  id: string;
  /** "Sign-ins, last hour". */
  title: string;
  /** Oldest first. */
  points: readonly BarPoint[];
  /** Length of one span, in minutes (to name it in the summary: "a minute", "10 minutes"). */
  spanMinutes: number;
}

const WIDTH = 600;
const HEIGHT = 120;
const TOP = 14;
const BOTTOM = 16;

/** `14:05` (UTC). */
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
/** `2025-01-31 14:05` (UTC). */
const dated = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** How the chart names a time: with its date when the window is longer than half a day (10:00 would be both ends). */
function timeLabel(points: readonly BarPoint[], spanMinutes: number): (ms: number) => string {
  const first = points[0]?.start ?? 0;
  const end = (points.at(-1)?.start ?? 0) + spanMinutes * 60_000;
  return end - first > 12 * 3_600_000 ? dated : clock;
}

/**
 * The chart's text summary: total, busiest span, and the window.
 */
export function chartSummary(points: readonly BarPoint[], spanMinutes: number): string {
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No data.';
  const end = last.start + spanMinutes * 60_000;
  const when = timeLabel(points, spanMinutes);
  const window = `from ${when(first.start)} to ${when(end)} UTC`;
  if (total === 0) return `None ${window}.`;
  const busiest = points.reduce((top, point) => (point.value > top.value ? point : top), first);
  const span = spanMinutes === 1 ? 'minute' : `${spanMinutes} minutes`;
  return `${total} in total ${window}; the busiest ${span}, from ${when(busiest.start)}, had ${busiest.value}.`;
}

/**
 * The chart.
 */
export function BarChart(props: BarChartProps) {
  const { id, title, points, spanMinutes } = props;
  const max = Math.max(1, ...points.map((point) => point.value));
  const step = WIDTH / Math.max(1, points.length);
  const plot = HEIGHT - TOP - BOTTOM;
  const active = points.filter((point) => point.value > 0);
  const first = points[0];
  const when = timeLabel(points, spanMinutes);
  return (
    <figure class="chart-figure">
      <figcaption>{title}</figcaption>
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
      >
        <title id={`${id}-title`}>{title}</title>
        <text x="0" y="10">
          {max}
        </text>
        <line class="axis" x1="0" y1={HEIGHT - BOTTOM} x2={WIDTH} y2={HEIGHT - BOTTOM} stroke="#d0d7de" />
        {points.map((point, index) => {
          const height = (point.value / max) * plot;
          return point.value > 0 ? (
            <rect
              class="bar"
              fill="#0b5cad"
              x={(index * step + step * 0.1).toFixed(1)}
              y={(HEIGHT - BOTTOM - height).toFixed(1)}
              width={(step * 0.8).toFixed(1)}
              height={height.toFixed(1)}
            />
          ) : null;
        })}
        {first ? (
          <text x="0" y={HEIGHT - 2}>
            {when(first.start)}
          </text>
        ) : null}
        <text x={WIDTH} y={HEIGHT - 2} text-anchor="end">
          now
        </text>
      </svg>
      <p class="muted" id={`${id}-summary`}>
        {chartSummary(points, spanMinutes)}
      </p>
      <table class="visually-hidden">
        <caption>{`${title}: spans with activity`}</caption>
        <thead>
          <tr>
            <th scope="col">From (UTC)</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {active.map((point) => (
            <tr>
              <td>{when(point.start)}</td>
              <td>{point.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
