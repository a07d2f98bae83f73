/** `golive replay`'s report: a line per history (and per failed run of a chain), then a total. */
import type { ReplayOutcome, RunOutcome } from '../workers/history-replay';

function failureLine(run: RunOutcome, runs: number): string {
  const failure = run.failure;
  if (!failure) return '';
  const where = runs > 1 ? `run ${run.run} of ${runs} (${run.runId}), ` : '';
  const event = failure.eventId === undefined ? '' : `event ${failure.eventId} (${failure.eventType}): `;
  return `      ${where}${event}${failure.kind === 'nondeterminism' ? 'non-determinism: ' : ''}${failure.message}`;
}

export function formatReplay(outcomes: readonly ReplayOutcome[]): string {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const runs = outcome.runs.length > 1 ? ` (${outcome.runs.length} runs)` : '';
    lines.push(`${outcome.ok ? 'ok  ' : 'FAIL'}  ${outcome.name}${runs}`);
    for (const run of outcome.runs) if (run.failure) lines.push(failureLine(run, outcome.runs.length));
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  lines.push(`${outcomes.length} histor${outcomes.length === 1 ? 'y' : 'ies'}: ${outcomes.length - failed} ok, ${failed} failed`);
  return lines.join('\n');
}
