/**
 * The report's timeline as an inline SVG Gantt chart: a row per step grouped under its phase, the
 * actual run as a bar (coloured by state; rollback steps and compensations distinguished), the
 * plan's estimate as an outline from the step's start, and gates and decisions as markers. Plan
 * time on the x axis. Self-contained: no script, no external asset.
 */
import { esc } from './html-escape';
import type { ReportMarker, RunReport, StepReport } from './report-model';
import { humanDuration, tPlus } from './report-time';
import { linearScale, timeTicks } from './svg-scale';

const LABEL_W = 260;
const CHART_W = 820;
const ROW_H = 16;
const PHASE_H = 20;
const AXIS_H = 26;
const LEGEND_H = 26;
const WIDTH = LABEL_W + CHART_W + 10;

/** Steps by phase, in the order the run lists them (phases, then contingency and rollback). */
function byPhase(steps: StepReport[]): [string, StepReport[]][] {
  const groups = new Map<string, StepReport[]>();
  for (const step of steps) groups.set(step.phase, [...(groups.get(step.phase) ?? []), step]);
  return [...groups];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function stepRow(step: StepReport, y: number, x: (ms: number) => number, span: number): string {
  const procedure = step.section !== null;
  const parts = [`<g class="lane${procedure ? ' procedure' : ''}" data-step="${esc(step.id)}" data-phase="${esc(step.phase)}">`];
  parts.push(`<text class="label" x="${LABEL_W - 6}" y="${y + ROW_H - 4}" text-anchor="end">${esc(clip(step.id, 38))}<title>${esc(step.title)}</title></text>`);
  if (step.start !== null && step.plannedMs !== null) {
    // An estimate beyond the chart is cut at its edge (and says so).
    const plannedEnd = Math.min(step.start + step.plannedMs, span);
    const cut = plannedEnd < step.start + step.plannedMs ? ' (beyond the chart)' : '';
    parts.push(
      `<rect class="planned${cut ? ' cut' : ''}" data-step="${esc(step.id)}" x="${x(step.start).toFixed(1)}" y="${y + 2}" width="${Math.max(1, x(plannedEnd) - x(step.start)).toFixed(1)}" height="${ROW_H - 4}"><title>${esc(`${step.id}: estimate ${humanDuration(step.plannedMs)}${cut}`)}</title></rect>`,
    );
  }
  if (step.start !== null) {
    const end = step.end ?? step.start;
    const kind = procedure ? 'rollback' : 'forward';
    const title = `${step.id} (${step.state}): ${tPlus(step.start)} → ${tPlus(end)}`;
    parts.push(
      `<rect class="bar actual ${kind} state-${esc(step.state)}" data-step="${esc(step.id)}" x="${x(step.start).toFixed(1)}" y="${y + 4}" width="${Math.max(2, x(end) - x(step.start)).toFixed(1)}" height="${ROW_H - 8}"><title>${esc(title)}</title></rect>`,
    );
  } else {
    parts.push(`<text class="not-run" x="${LABEL_W + 4}" y="${y + ROW_H - 4}">${esc(step.state)}</text>`);
  }
  const comp = step.compensation;
  if (comp && comp.start !== null) {
    const end = comp.end ?? comp.start;
    parts.push(
      `<rect class="bar compensation state-${esc(comp.state)}" data-step="${esc(step.id)}" x="${x(comp.start).toFixed(1)}" y="${y + 4}" width="${Math.max(2, x(end) - x(comp.start)).toFixed(1)}" height="${ROW_H - 8}"><title>${esc(`compensation of ${step.id} (${comp.state})`)}</title></rect>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function marker(m: ReportMarker, x: number, top: number, bottom: number): string {
  const diamond = `M${x.toFixed(1)},${top - 9} l4,4 l-4,4 l-4,-4 z`;
  return `<g class="marker marker-${m.kind}"><line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top - 1}" y2="${bottom}"/><path d="${diamond}"/><title>${esc(`${tPlus(m.at)} ${m.label}`)}</title></g>`;
}

function legend(y: number): string {
  const items: [string, string][] = [
    ['bar actual forward state-succeeded', 'step (actual)'],
    ['planned', 'plan estimate'],
    ['bar actual rollback state-succeeded', 'rollback step'],
    ['bar compensation', 'compensation'],
    ['bar actual forward state-failed', 'failed'],
  ];
  const swatches = items.map(([cls, text], i) => `<rect class="${cls}" x="${LABEL_W + i * 104}" y="${y + 8}" width="18" height="9"/><text x="${LABEL_W + i * 104 + 24}" y="${y + 17}">${esc(text)}</text>`);
  const markers = [
    ['marker-gate', 'gate opened'],
    ['marker-decision', 'decision'],
    ['marker-rollback', 'rollback'],
  ].map(([cls, text], i) => `<g class="marker ${cls}"><path d="M${LABEL_W + (5 + i) * 104 + 6},${y + 8} l4,4 l-4,4 l-4,-4 z"/></g><text x="${LABEL_W + (5 + i) * 104 + 16}" y="${y + 17}">${esc(text)}</text>`);
  return `<g class="legend">${[...swatches, ...markers].join('')}</g>`;
}

export function ganttSvg(report: RunReport): string {
  const x = linearScale(0, report.spanMs, LABEL_W, LABEL_W + CHART_W);
  const groups = byPhase(report.steps);
  const phases = new Map(report.phases.map((phase) => [phase.id, phase]));
  const rows: string[] = [];
  let y = AXIS_H;
  for (const [phaseId, steps] of groups) {
    const phase = phases.get(phaseId);
    const band = phase && phase.start !== null ? `<rect class="phase-band" x="${x(phase.start).toFixed(1)}" y="${y + 3}" width="${Math.max(2, x(phase.end ?? report.spanMs) - x(phase.start)).toFixed(1)}" height="${PHASE_H - 6}"/>` : '';
    const title = phase ? `${phase.title} (${phase.state})` : phaseId;
    rows.push(`<g class="phase" data-phase="${esc(phaseId)}">${band}<text class="phase-label" x="4" y="${y + PHASE_H - 6}">${esc(clip(title, 60))}</text></g>`);
    y += PHASE_H;
    for (const step of steps) {
      rows.push(stepRow(step, y, x, report.spanMs));
      y += ROW_H;
    }
  }
  const bottom = y;
  const ticks = timeTicks(report.spanMs).map((t) => `<g class="tick"><line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${AXIS_H - 4}" y2="${bottom}"/><text x="${x(t).toFixed(1)}" y="${AXIS_H - 8}" text-anchor="middle">${esc(tPlus(t))}</text></g>`);
  const markers = report.markers.map((m) => marker(m, x(m.at), AXIS_H, bottom));
  const height = bottom + LEGEND_H;
  return [
    `<svg class="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(`timeline of ${report.header.name}: ${report.steps.length} steps`)}">`,
    `<g class="ticks">${ticks.join('')}</g>`,
    ...rows,
    `<g class="markers">${markers.join('')}</g>`,
    legend(bottom),
    '</svg>',
  ].join('\n');
}
