/**
 * `golive status <id>` for a person: what the cutover waits for first (open gates with their
 * approvals and the people awaited, steps waiting and for whom), then the latest reading of every
 * watched metric against its limit, open issues by severity and age, params, the rollback, steps.
 */
import { severityRank } from '../plan/severity';
import type { GateStatus, IssueRecord, StatusDocument, WatchStatus } from '../workflows/status-document';
import { formatDuration } from '../plan/duration';
import { modeLabel } from '../workflows/rehearsal';
import { formatScript } from './compare-format';
import type { WaitingItem } from '../workflows/status-summary';

/** `2h05m`, `3m20s`, `45s`: how long ago `iso` was, seen from `now`. */
export function age(iso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d}d${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

function waitingLine(item: WaitingItem, now: number): string {
  const since = item.since ? `, waiting ${age(item.since, now)}` : '';
  const deadline = item.deadline ? `, deadline ${item.deadline}` : '';
  const escalated = item.escalatedTo ? `, escalated to ${item.escalatedTo.join(' / ')}` : '';
  const people = item.awaited?.length ? ` (${item.awaited.join(', ')})` : '';
  if (item.kind === 'gate') {
    const approvals = item.approvedBy ?? [];
    const approved = approvals.length ? ` by ${approvals.join(', ')}` : '';
    return `  gate ${item.id}: ${item.what}; ${approvals.length} of ${item.quorum ?? 1} approvals${approved}; awaited: ${item.roles.join(' / ')}${people}${since}${deadline}${escalated}`;
  }
  return `  step ${item.id}: ${item.what}; awaited: ${item.roles.join(' / ')}${people}${since}${deadline}${escalated}`;
}

interface MetricLine {
  gate: string;
  id: string;
  value: number | null;
  min?: number;
  max?: number;
  breached: boolean;
  verdict?: string;
  reason?: string;
}

/** The newest evaluation of every metric, over every checkpoint (and watch) gate so far. */
function latestEvaluations(gates: GateStatus[]): MetricLine[] {
  const latest = new Map<string, MetricLine>();
  for (const gate of gates) {
    for (const raw of gate.evaluation?.evaluations ?? []) {
      const evaluation = raw as Omit<MetricLine, 'gate'>;
      if (evaluation && typeof evaluation.id === 'string') latest.set(evaluation.id, { ...evaluation, gate: gate.id });
    }
  }
  return [...latest.values()];
}

/** The newest evaluation of every metric of every watch (labelled like a gate: `<phase>-watch-<n>`). */
function latestWatchEvaluations(watches: WatchStatus[]): MetricLine[] {
  return watches.flatMap((watch) => {
    const latest = new Map<string, MetricLine>();
    for (const evaluation of watch.evaluations) {
      for (const metric of evaluation.metrics) {
        latest.set(metric.id, { ...metric, gate: `${watch.phase}-watch-${evaluation.n}`, breached: metric.verdict !== 'ok', verdict: metric.verdict === 'breach' ? 'breached' : metric.verdict });
      }
    }
    return [...latest.values()];
  });
}

function metricLine(metric: MetricLine): string {
  const limits = [metric.min !== undefined ? `min ${metric.min}` : '', metric.max !== undefined ? `max ${metric.max}` : ''].filter(Boolean).join(', ');
  const verdict = metric.verdict ?? (metric.breached ? 'breached' : 'ok');
  const reason = metric.breached && metric.reason ? `: ${metric.reason}` : '';
  return `  ${metric.id} = ${metric.value ?? 'unreadable'} (${limits || 'no limit'}) ${verdict} at ${metric.gate}${reason}`;
}

/** A watch's decision gate: its metrics show with the watch's own evaluations. */
function isWatchGate(gate: GateStatus, watches: WatchStatus[] | undefined): boolean {
  return gate.sequence !== null && (watches ?? []).some((watch) => gate.id === `${watch.phase}-watch-${gate.sequence}`);
}

/** Open issues, worst first, then oldest first. */
function openIssues(issues: IssueRecord[]): IssueRecord[] {
  return issues.filter((issue) => issue.state === 'open').sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.reportedAt.localeCompare(b.reportedAt));
}

function issueLine(issue: IssueRecord, now: number): string {
  const links = [issue.owner ? `owner ${issue.owner}` : '', issue.step ? `step ${issue.step}` : '', issue.overdueAt ? `overdue since ${issue.overdueAt}` : ''].filter(Boolean).join(', ');
  return `  ${issue.id}  ${issue.severity.padEnd(8)} ${age(issue.reportedAt, now).padStart(6)}  ${issue.summary}${links ? `  (${links})` : ''}`;
}

/** A rehearsal of a recorded cutover: what it re-enacts and its script; a live run of a rehearsed plan: its forecast. */
function rehearsalLines(doc: StatusDocument): string[] {
  const lines: string[] = [];
  if (doc.rehearsalOf) {
    const counts = new Map<string, number>();
    for (const entry of doc.script ?? []) counts.set(entry.state, (counts.get(entry.state) ?? 0) + 1);
    lines.push(`rehearsal of ${doc.rehearsalOf}; script: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ') || 'empty'}`);
    lines.push(...formatScript(doc).filter((line) => !line.trimStart().startsWith('applied')));
  }
  if (doc.forecast) {
    const { aheadMs, rehearsalId, step, forecastEnd } = doc.forecast;
    const standing = aheadMs >= 0 ? `${formatDuration(aheadMs)} ahead of` : `${formatDuration(-aheadMs)} behind`;
    lines.push(`forecast: ${standing} rehearsal ${rehearsalId}${step ? ` at step ${step}` : ''}; expected end ${forecastEnd}`);
  }
  return lines;
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? [`${title}:`, ...lines] : [];
}

export function formatStatus(doc: StatusDocument, now = Date.now()): string {
  const lines = [`${doc.id}  ${doc.name}  ${modeLabel(doc)}  ${doc.state}${doc.phase ? `  phase ${doc.phase}` : ''}`];
  if (doc.rollback) {
    const ended = doc.rollback.endedAt ? `, ended ${doc.rollback.endedAt}` : '';
    // The section under way while it runs (contingency, rollback-first, compensations, rollback-then).
    const stage = doc.rollback.stage && doc.rollback.stage !== 'done' ? `; stage ${doc.rollback.stage}` : '';
    lines.push(`rollback: ${doc.rollback.reason} (by ${doc.rollback.requestedBy} at ${doc.rollback.startedAt}${ended}${stage})`);
  }
  if (doc.mode === 'rehearsal') lines.push(`REHEARSAL: ${doc.comms === undefined ? 'recorded before rehearsal mode (steps ran for real)' : 'effectful steps simulated unless `rehearse: real`'}${doc.rehearsalNotices ? `; ${doc.rehearsalNotices.total} notice(s) kept from the roster` : ''}`);
  lines.push(...rehearsalLines(doc));
  const { params } = doc;
  if (params && Object.keys(params).length) lines.push(`params: ${Object.entries(params).map(([key, value]) => `${key}=${String(value)}`).join(', ')}`);
  const waiting = doc.waiting;
  if (waiting && waiting.total > 0) {
    const more = waiting.total > waiting.items.length ? [`  … and ${waiting.total - waiting.items.length} more`] : [];
    lines.push(...section(`waiting for (${waiting.total})`, [...waiting.items.map((item) => waitingLine(item, now)), ...more]));
  }
  const evaluations = [...latestEvaluations(doc.gates.filter((gate) => !isWatchGate(gate, doc.watches))), ...latestWatchEvaluations(doc.watches ?? [])];
  lines.push(...section('latest evaluations', evaluations.map(metricLine)));
  const issues = openIssues(doc.issues);
  lines.push(...section(`open issues (${issues.length})`, issues.map((issue) => issueLine(issue, now))));
  lines.push('steps:');
  for (const step of doc.steps) {
    const error = step.error ? `  ${step.error.message}` : '';
    const skipped = step.skipReason ? `  ${step.skipReason}` : '';
    // Procedure steps by their section (contingency / rollback-first / rollback-then), others by phase.
    lines.push(`  ${step.state.padEnd(18)} ${step.section ?? step.phase}/${step.id}${step.attempts > 1 ? ` (attempts ${step.attempts})` : ''}${error}${skipped}`);
  }
  const page = doc.stepsPage;
  if (page && page.returned < page.total) {
    const counts = Object.entries(doc.stepCounts ?? {}).map(([state, count]) => `${state} ${count}`).join(', ');
    lines.push(`  … steps ${page.offset + 1}-${page.offset + page.returned} of ${page.total} shown (${counts})`);
  }
  if (doc.error) lines.push(`error: ${doc.error.message}`);
  return lines.join('\n');
}
