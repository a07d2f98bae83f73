// Watch and checkpoint evaluations: one small inline-SVG chart per metric, its readings against its limits.
import { byId, el, svg } from './dom.js';

const W = 260;
const H = 96;
const PAD = { left: 36, right: 8, top: 8, bottom: 16 };

/** Series by "<where> · <metric>": a watch's evaluations, or a phase's checkpoints in order. */
export function metricSeries(doc) {
  const series = new Map();
  const add = (where, metric, point) => {
    const key = `${where} · ${metric}`;
    if (!series.has(key)) series.set(key, { where, metric, points: [] });
    series.get(key).points.push(point);
  };
  for (const watch of doc.watches ?? []) {
    for (const evaluation of watch.evaluations) {
      for (const m of evaluation.metrics) add(`watch ${watch.phase}`, m.id, { label: `#${evaluation.n}`, value: m.value, min: m.min, max: m.max, verdict: m.verdict });
    }
  }
  for (const gate of doc.gates) {
    for (const m of gate.evaluation?.evaluations ?? []) {
      add(`checkpoints ${gate.phase}`, m.id, { label: gate.id, value: m.value, min: m.min, max: m.max, verdict: m.value === null ? 'inconclusive' : m.breached ? 'breach' : 'ok' });
    }
  }
  return [...series.values()];
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(2));

function chart({ where, metric, points }) {
  const numbers = points.flatMap((p) => [p.value, p.min, p.max]).filter((n) => typeof n === 'number');
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  if (!numbers.length) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const x = (i) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v) => PAD.top + ((hi - v) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const line = (pick, cls) => {
    const pts = points.map((p, i) => (typeof pick(p) === 'number' ? `${x(i)},${y(pick(p))}` : null)).filter(Boolean);
    return pts.length ? svg('polyline', { points: pts.join(' '), class: cls }) : null;
  };
  const last = points[points.length - 1];
  const limit = [last.min !== undefined ? `min ${fmt(last.min)}` : null, last.max !== undefined ? `max ${fmt(last.max)}` : null].filter(Boolean).join(', ');
  return el(
    'figure',
    { class: 'metric-chart', 'data-metric': metric },
    svg(
      'svg',
      { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${metric} against its limits` },
      svg('text', { x: 2, y: PAD.top + 8, class: 'axis' }, fmt(hi)),
      svg('text', { x: 2, y: H - PAD.bottom, class: 'axis' }, fmt(lo)),
      line((p) => p.max, 'limit limit-max'),
      line((p) => p.min, 'limit limit-min'),
      line((p) => p.value, 'reading'),
      ...points.map((p, i) =>
        p.value === null
          ? svg('text', { x: x(i) - 3, y: H - 4, class: 'inconclusive' }, '?')
          : svg('circle', { cx: x(i), cy: y(p.value), r: 3.5, class: `point verdict-${p.verdict}` }, svg('title', {}, `${p.label}: ${p.value} (${p.verdict})`)),
      ),
    ),
    el('figcaption', {}, `${where} · ${metric}: ${last.value === null ? 'unreadable' : fmt(last.value)} (${last.verdict})${limit ? ` — ${limit}` : ''}`),
  );
}

export function renderMetricCharts(doc) {
  const all = metricSeries(doc);
  byId('metrics-section').hidden = all.length === 0;
  byId('metric-charts').replaceChildren(...all.map(chart));
}
