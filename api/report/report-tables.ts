/**
 * The report's sections as plain tables (header facts, decisions, actions, evaluations, issues,
 * rollback, durations): the one place that decides what each section says, so the Markdown and
 * HTML renderers only format. Cells are plain text, or a list of links (issue screenshots). Pure.
 */
import type { EvaluationGroup } from './metric-series';
import type { RunReport, StepReport } from './report-model';
import { delta, humanDuration, tPlus } from './report-time';
import { shortNumber } from './svg-scale';

/** Plain text, links (issue screenshots), or a time: its offset from the start and its timestamp. */
export type Cell = string | { links: string[] } | { offset: string; at: string };

export interface Table {
  columns: string[];
  rows: Cell[][];
}

function when(offset: number | null, iso: string | null): Cell {
  return iso ? { offset: tPlus(offset), at: iso } : '';
}

/** The header's facts, in the order a reader wants them. */
export function headerFacts(report: RunReport): [string, string][] {
  const h = report.header;
  const facts: [string, string][] = [
    ['Cutover', h.id],
    ['Plan', h.description ? `${h.name}: ${h.description}` : h.name],
    ['Mode', h.mode],
    ['Final state', h.state],
    ['Started by', h.startedBy ?? 'unknown'],
    ['Started', h.startedAt],
    ['Ended', h.endedAt ?? 'still running'],
    ['Duration', humanDuration(h.durationMs)],
  ];
  if (h.timeScale !== 1) facts.push(['Time scale', `×${shortNumber(1 / h.timeScale)} (times and durations are shown in plan time)`]);
  if (h.rehearsalId) facts.push(['Compared with rehearsal', h.rehearsalId]);
  if (h.error) facts.push(['Error', `${h.error.step ? `${h.error.step}: ` : ''}${h.error.message}`]);
  for (const [name, value] of h.params) facts.push([`Param ${name}`, String(value)]);
  return facts;
}

export function phaseTable(report: RunReport): Table {
  return { columns: ['Phase', 'Title', 'State', 'Start', 'End'], rows: report.phases.map((p) => [p.id, p.title, p.state, tPlus(p.start), tPlus(p.end)]) };
}

export function markerTable(report: RunReport): Table {
  return { columns: ['Time', 'Event'], rows: report.markers.map((m) => [tPlus(m.at), m.kind === 'gate' ? m.label : m.kind === 'rollback' ? 'rollback started' : `decided ${m.label}`]) };
}

export function decisionTable(report: RunReport): Table {
  return {
    columns: ['#', 'When', 'Gate', 'Decision', 'Effect', 'Operator', 'Roles', 'Source', 'Verified', 'Reason'],
    rows: report.decisions.map((d) => [
      String(d.seq),
      when(d.offset, d.at),
      `${d.gate} (${d.gateKind})`,
      d.decision,
      d.effect,
      d.operator,
      d.roles.join(', '),
      d.source,
      d.verified === null ? '' : d.verified ? 'yes' : 'no',
      d.reason,
    ]),
  };
}

export function actionTable(report: RunReport): Table {
  return {
    columns: ['#', 'When', 'Action', 'Target', 'Operator', 'Source', 'Reason'],
    rows: report.actions.map((a) => [String(a.seq), when(a.offset, a.at), a.action, a.target ?? '', a.operator, a.source, a.reason]),
  };
}

const VERDICT_MARK: Record<string, string> = { ok: 'ok', breach: 'BREACH', inconclusive: 'unreadable' };

/** A row per evaluation, a column per metric (`value verdict`, limits in the heading's metric). */
export function evaluationTable(group: EvaluationGroup): Table {
  return {
    columns: ['#', 'When', ...group.metrics.map((m) => m.title ? `${m.title} (${m.id})` : m.id), group.kind === 'watch' ? 'Action' : 'Decision', 'Reason'],
    rows: group.rows.map((row) => [
      String(row.n),
      when(row.offset, row.at),
      ...group.metrics.map((m) => {
        const r = row.readings[m.id];
        if (!r) return '';
        const limit = [r.min !== undefined ? `min ${shortNumber(r.min)}` : '', r.max !== undefined ? `max ${shortNumber(r.max)}` : ''].filter(Boolean).join(', ');
        return `${r.value === null ? '–' : shortNumber(r.value)} ${VERDICT_MARK[r.verdict]}${limit ? ` (${limit})` : ''}`;
      }),
      row.gate && row.action !== 'none' ? `${row.action} (${row.gate})` : row.action,
      row.reason ?? '',
    ]),
  };
}

export function issueTable(report: RunReport): Table {
  return {
    columns: ['Issue', 'Severity', 'State', 'Summary', 'Time of call', 'Caller ANI', 'CSR username', 'Details', 'Screenshots', 'Reported by', 'Reported', 'Owner', 'Step', 'Resolved', 'Resolution'],
    rows: report.issues.map((i) => [
      i.id,
      i.severity,
      i.state,
      i.summary,
      i.callTime ?? '',
      i.callerAni ?? '',
      i.csrUsername ?? '',
      i.details,
      { links: i.screenshots },
      `${i.reportedBy} via ${i.source}`,
      when(i.offset, i.reportedAt),
      i.owner ?? '',
      i.step ?? '',
      i.resolvedBy ? `${i.resolvedBy}, ${i.resolvedAt ?? ''}` : '',
      i.resolution ?? '',
    ]),
  };
}

export function rollbackFacts(report: RunReport): [string, string][] {
  const r = report.rollback;
  if (!r) return [];
  return [
    ['Requested by', r.requestedBy],
    ['Why', r.reason],
    ['Started', r.startedAt],
    ['Ended', r.endedAt ?? 'not finished'],
    ['Stage', r.stage ?? ''],
    ['Duration', humanDuration(r.durationMs)],
  ];
}

/** The rollback's own steps, then the compensations of forward steps. */
export function rollbackTable(report: RunReport): Table {
  const r = report.rollback;
  const procedure = (r?.procedure ?? []).map((s) => [s.section ?? '', s.id, s.state, tPlus(s.start), humanDuration(s.actualMs), s.completedBy ?? '', s.note ?? '']);
  const compensations = (r?.compensated ?? []).map((s) => ['compensation', s.id, s.compensation!.state, tPlus(s.compensation!.start), humanDuration(s.compensation!.ms), '', s.note ?? '']);
  return { columns: ['Stage', 'Step', 'State', 'Start', 'Took', 'Completed by', 'Note'], rows: [...procedure, ...compensations] };
}

function durationRow(s: StepReport): Cell[] {
  return [
    s.phase,
    s.id,
    s.kind,
    s.owner ?? '',
    s.state,
    tPlus(s.start),
    humanDuration(s.plannedMs),
    humanDuration(s.actualMs),
    delta(s.actualMs, s.plannedMs),
    humanDuration(s.rehearsalMs),
    delta(s.actualMs, s.rehearsalMs),
    String(s.attempts),
    [s.completedBy ? `completed by ${s.completedBy}${s.evidence ? `: ${s.evidence}` : ''}` : '', s.note ?? ''].filter(Boolean).join('; '),
  ];
}

export function durationTable(report: RunReport): Table {
  return {
    columns: ['Phase', 'Step', 'Kind', 'Owner', 'State', 'Start', 'Planned', 'Actual', 'vs plan', 'Rehearsal', 'vs rehearsal', 'Attempts', 'Notes'],
    rows: report.steps.map(durationRow),
  };
}
