/**
 * A small inline SVG chart of one metric's readings against its limit(s): the values as a line,
 * each reading as a dot coloured by its verdict (an unreadable one as a hollow dot on the axis),
 * `max` / `min` as dashed lines (stepped when a relative limit moved with its baseline). Pure.
 */
import { esc } from './html-escape';
import type { MetricPoint, MetricSeries } from './metric-series';
import { tPlus } from './report-time';
import { linearScale, points, shortNumber } from './svg-scale';

const W = 360;
const H = 150;
const M = { left: 58, right: 12, top: 14, bottom: 26 };

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const pad = (hi - lo) * 0.12;
  // Counts and rates are never negative: keep the axis at zero rather than pad below it.
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

/** A limit drawn across the chart: one line when constant, a stepped line when it moved. */
function limitLine(series: MetricPoint[], bound: 'min' | 'max', x: (p: MetricPoint) => number, y: (v: number) => number): string {
  const withLimit = series.filter((p) => p[bound] !== undefined);
  if (withLimit.length === 0) return '';
  const values = new Set(withLimit.map((p) => p[bound]!));
  const label = `${bound} ${shortNumber(withLimit.at(-1)![bound]!)}`;
  const labelY = y(withLimit.at(-1)![bound]!) - 3;
  const text = `<text class="limit-label" x="${W - M.right}" y="${labelY.toFixed(1)}" text-anchor="end">${esc(label)}</text>`;
  if (values.size === 1) {
    const ly = y(withLimit[0][bound]!).toFixed(1);
    return `<line class="limit limit-${bound}" x1="${M.left}" x2="${W - M.right}" y1="${ly}" y2="${ly}"/>${text}`;
  }
  const coords: [number, number][] = withLimit.flatMap((p, i) => {
    const next = withLimit[i + 1];
    const here: [number, number] = [x(p), y(p[bound]!)];
    return next ? [here, [x(next), y(p[bound]!)] as [number, number]] : [here];
  });
  return `<polyline class="limit limit-${bound}" points="${points(coords)}"/>${text}`;
}

export function metricChartSvg(series: MetricSeries): string {
  const label = `${series.title ?? series.metric} (${series.group})`;
  const open = `<svg class="metric-chart" data-metric="${esc(series.key)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">`;
  const pts = series.points;
  if (pts.length === 0) return `${open}<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">no readings</text></svg>`;
  const offsets = pts.map((p) => p.offset ?? 0);
  const xs = linearScale(Math.min(...offsets), Math.max(...offsets), M.left + 8, W - M.right - 8);
  const numbers = pts.flatMap((p) => [p.value, p.min, p.max].filter((v): v is number => typeof v === 'number'));
  const [lo, hi] = extent(numbers);
  const y = linearScale(lo, hi, H - M.bottom, M.top);
  const x = (p: MetricPoint) => xs(p.offset ?? 0);
  const axis = [
    `<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`,
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`,
    ...[lo, (lo + hi) / 2, hi].map((v) => `<text class="tick" x="${M.left - 4}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${esc(shortNumber(v, 3))}</text>`),
    `<text class="tick" x="${M.left + 8}" y="${H - 8}">${esc(tPlus(pts[0].offset))}</text>`,
  ];
  if (pts.length > 1) axis.push(`<text class="tick" x="${W - M.right - 8}" y="${H - 8}" text-anchor="end">${esc(tPlus(pts.at(-1)!.offset))}</text>`);
  const readable = pts.filter((p) => p.value !== null);
  const line = readable.length > 1 ? `<polyline class="values" points="${points(readable.map((p) => [x(p), y(p.value!)]))}"/>` : '';
  const dots = pts.map((p) => {
    const cy = p.value === null ? H - M.bottom : y(p.value);
    const what = p.value === null ? 'unreadable' : shortNumber(p.value);
    return `<circle class="point verdict-${p.verdict}" cx="${x(p).toFixed(1)}" cy="${cy.toFixed(1)}" r="3.5"><title>${esc(`#${p.n} ${tPlus(p.offset)}: ${what} (${p.verdict})`)}</title></circle>`;
  });
  return [open, ...axis, limitLine(pts, 'max', x, y), limitLine(pts, 'min', x, y), line, ...dots, '</svg>'].join('');
}
