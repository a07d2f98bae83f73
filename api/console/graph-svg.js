// The dependency graph as inline SVG: phases left to right, each phase's waves as columns, the critical path drawn heavy.
import { byId, el, formatMs, svg } from './dom.js';

const NODE_W = 132;
const NODE_H = 26;
const COL_GAP = 44;
const ROW_GAP = 10;
const PHASE_GAP = 28;
const TOP = 30;
/** Past this many steps a drawing stops being readable (and costly): the table says it all. */
const MAX_DRAWN = 400;

const shorten = (text, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Where each step's box sits, and each phase's band. */
function layout(graph) {
  const at = new Map();
  const bands = [];
  let x = 8;
  let height = 0;
  for (const phase of graph.phases) {
    const left = x;
    phase.waves.forEach((wave, w) => {
      wave.forEach((id, row) => at.set(id, { x: left + w * (NODE_W + COL_GAP), y: TOP + row * (NODE_H + ROW_GAP), wave: w }));
      height = Math.max(height, TOP + wave.length * (NODE_H + ROW_GAP));
    });
    const width = Math.max(1, phase.waves.length) * (NODE_W + COL_GAP) - COL_GAP;
    bands.push({ phase, x: left - 4, width: width + 8 });
    x = left + width + PHASE_GAP;
  }
  return { at, bands, width: x, height: height + 4 };
}

export function renderGraph(ctx, doc) {
  const box = byId('graph');
  const graph = ctx.graph;
  if (!graph) return;
  const drawn = graph.phases.reduce((n, p) => n + p.waves.flat().length, 0);
  byId('critical-path').textContent = `critical path: ${graph.criticalPath.steps.join(' → ') || '—'} (${formatMs(graph.criticalPath.estimateMs) || '0ms'} estimated)`;
  if (drawn > MAX_DRAWN) {
    box.replaceChildren(el('p', { class: 'hint' }, `${drawn} steps: too many to draw; ${graph.phases.map((p) => `${p.id} in ${p.waves.length} waves`).join(', ')}`));
    return;
  }
  const { at, bands, width, height } = layout(graph);
  const states = new Map(doc.steps.map((s) => [s.id, s]));
  const path = graph.criticalPath.steps;
  const onPath = new Set(path);
  const criticalEdge = new Set(path.slice(1).map((id, i) => `${path[i]}>${id}`));

  const edges = [];
  for (const [id, to] of at) {
    for (const dep of states.get(id)?.dependsOn ?? []) {
      const from = at.get(dep);
      if (!from) continue;
      const critical = criticalEdge.has(`${dep}>${id}`);
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_H / 2;
      edges.push(svg('path', { d: `M${x1},${y1} C${x1 + COL_GAP / 2},${y1} ${x2 - COL_GAP / 2},${y2} ${x2},${y2}`, class: critical ? 'edge critical' : 'edge', 'marker-end': 'url(#arrow)' }));
    }
  }
  const nodes = [...at].map(([id, p]) => {
    const step = states.get(id);
    const state = step?.state ?? 'pending';
    return svg(
      'g',
      { class: `node state-${state}${onPath.has(id) ? ' critical' : ''}`, 'data-step': id, transform: `translate(${p.x},${p.y})` },
      svg('title', {}, `${id}: ${state}${step?.owner ? ` · ${step.owner}` : ''}${onPath.has(id) ? ' · critical path' : ''}`),
      svg('rect', { width: NODE_W, height: NODE_H, rx: 5 }),
      svg('text', { x: 8, y: 17 }, shorten(id)),
    );
  });
  const phaseBands = bands.map(({ phase, x, width: w }) =>
    svg('g', { class: 'phase-band' }, svg('rect', { x, y: 4, width: w, height: height - 4, rx: 6 }), svg('text', { x: x + 6, y: 18 }, `${phase.title} · ${phase.waves.length} wave(s)`)),
  );
  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto' }, svg('path', { d: 'M0,0 L8,4 L0,8 z' })));
  box.replaceChildren(svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'dependency graph' }, defs, ...phaseBands, ...edges, ...nodes));
}
