/**
 * The report's sections in order, each a heading and its blocks (facts, tables, charts), so the
 * Markdown and HTML renderers share one outline and differ only in formatting. Charts are HTML
 * only (inline SVG); Markdown shows the same data as tables. Pure.
 */
import { humanDuration } from './report-time';
import type { RunReport } from './report-model';
import {
  actionTable,
  decisionTable,
  durationTable,
  evaluationTable,
  headerFacts,
  issueTable,
  markerTable,
  phaseTable,
  rollbackFacts,
  rollbackTable,
  type Table,
} from './report-tables';

export type Block =
  | { kind: 'facts'; facts: [string, string][] }
  | { kind: 'table'; table: Table; empty: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'gantt' }
  | { kind: 'charts'; keys: string[] };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

const table = (t: Table, empty: string): Block => ({ kind: 'table', table: t, empty });

function evaluationBlocks(report: RunReport): Block[] {
  if (report.evaluations.length === 0) return [{ kind: 'text', text: 'No watch or checkpoint evaluations.' }];
  return report.evaluations.flatMap((group): Block[] => {
    const keys = report.metrics.filter((s) => s.key.startsWith(`${group.kind}:${group.phase}:`)).map((s) => s.key);
    const dropped = group.dropped > 0 ? [{ kind: 'text' as const, text: `${group.dropped} older evaluation(s) are no longer kept in the status and are not shown.` }] : [];
    return [
      { kind: 'heading', text: `${group.kind === 'watch' ? 'Watch' : 'Checkpoints'} of phase ${group.phase}${group.every ? `, every ${group.every}` : ''}` },
      { kind: 'charts', keys },
      table(evaluationTable(group), 'No evaluations yet.'),
      ...dropped,
    ];
  });
}

function rollbackBlocks(report: RunReport): Block[] {
  if (!report.rollback) return [{ kind: 'text', text: 'The cutover was not rolled back.' }];
  return [{ kind: 'facts', facts: rollbackFacts(report) }, table(rollbackTable(report), 'No rollback step ran.')];
}

export function reportSections(report: RunReport): Section[] {
  const total = report.steps.reduce((sum, s) => sum + (s.plannedMs ?? 0), 0);
  const planned = total > 0 ? `Estimates in the plan add up to ${humanDuration(total)} (steps in parallel overlap).` : 'The plan gives no estimates.';
  return [
    { id: 'summary', title: 'Summary', blocks: [{ kind: 'facts', facts: headerFacts(report) }] },
    {
      id: 'timeline',
      title: 'Timeline',
      blocks: [{ kind: 'gantt' }, table(phaseTable(report), 'No phase started.'), { kind: 'heading', text: 'Gates and decisions' }, table(markerTable(report), 'No gate opened.')],
    },
    { id: 'decisions', title: 'Decisions', blocks: [table(decisionTable(report), 'No decision was made.')] },
    { id: 'actions', title: 'Operator actions', blocks: [table(actionTable(report), 'No operator action.')] },
    { id: 'evaluations', title: 'Watch and checkpoint evaluations', blocks: evaluationBlocks(report) },
    { id: 'issues', title: 'Issues', blocks: [table(issueTable(report), 'No issue was reported.')] },
    { id: 'rollback', title: 'Rollback', blocks: rollbackBlocks(report) },
    { id: 'durations', title: 'Durations vs plan and rehearsal', blocks: [{ kind: 'text', text: planned }, table(durationTable(report), 'No steps.')] },
  ];
}
