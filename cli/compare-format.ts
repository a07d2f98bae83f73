/**
 * Text for `golive compare` and the report `golive rehearse` prints at the end: both runs with
 * their critical paths, a table of steps (planned, a, b), gates that differ, and the divergences,
 * the first one named. Pure.
 */
import type { Comparison, RunOverview } from '../api/rehearsal/compare';
import { formatDuration } from '../plan/duration';
import type { StatusDocument } from '../workflows/status-document';

const ms = (value: number | null) => (value === null ? '-' : formatDuration(Math.round(value)));

function runLine(label: string, run: RunOverview): string {
  const path = run.criticalPath.steps.length > 0 ? `${run.criticalPath.steps.join(' → ')} (${ms(run.criticalPath.durationMs)})` : 'none';
  return `${label}: ${run.id} (${run.mode}, ${run.state}, ${ms(run.durationMs)}); critical path ${path}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd());
}

export function formatComparison(comparison: Comparison): string {
  const lines = [runLine('a', comparison.a), runLine('b', comparison.b), ''];
  const cell = (duration: number | null, state: string | null) => (state === null ? '(absent)' : `${ms(duration)} ${state}`);
  lines.push(...table([['step', 'phase', 'planned', 'a', 'b'], ...comparison.steps.map((s) => [s.id, s.phase, ms(s.estimateMs), cell(s.aMs, s.aState), cell(s.bMs, s.bState)])]));
  const gates = comparison.gates.map((g) => `  ${g.id}: ${g.a ?? '-'}${g.aBreached ? ' (breached)' : ''} | ${g.b ?? '-'}${g.bBreached ? ' (breached)' : ''}`);
  if (gates.length > 0) lines.push('', 'gates (a | b):', ...gates);
  lines.push('');
  const first = comparison.firstDivergence;
  if (!first) lines.push('no divergence: the same steps, outcomes, gate decisions and end state');
  else {
    const at = (atMs: number | null) => (atMs === null ? '' : ` at +${ms(atMs)}`);
    lines.push(`first divergence${at(first.atMs)}: ${first.message}`);
    for (const other of comparison.divergences.slice(1)) lines.push(`  then${at(other.atMs)}: ${other.message}`);
  }
  return lines.join('\n');
}

/** The rehearsal's script: what it made again, and what it could not. */
export function formatScript(doc: Pick<StatusDocument, 'script'>): string[] {
  return (doc.script ?? []).map((entry) => {
    const what = `#${entry.n} ${entry.message}${entry.target ? ` ${entry.target}` : ''} (recorded at +${ms(entry.at)})`;
    return `  ${entry.state.padEnd(11)} ${what}${entry.reason ? `: ${entry.reason}` : ''}`;
  });
}
