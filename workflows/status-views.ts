/**
 * Read-only views of the run aggregate: the status document (whole, or with its steps paged or
 * selected), the summary, the acknowledgement of an operator message, and the Temporal UI's
 * current details. Their cost is bounded by the page or list size, not by the plan. Pure.
 */
import { modeLabel } from './rehearsal';
import type { RunState } from './run-state';
import { stepActors } from './roles';
import { z } from 'zod';
import { stepState, type StatusDocument, type StepStatus } from './status-document';
import { SUMMARY_LIST_LIMIT, type CutoverSummary, type UpdateAck, type WaitingItem } from './status-summary';

/** Steps in one status document unless the caller pages: a page stays far below Temporal's limits. */
export const DEFAULT_STEP_PAGE = 1000;
export const MAX_STEP_PAGE = 5000;
/** Waiting items in the status document: a 30-item checklist shows whole, a 20,000-step plan stays small. */
export const WAITING_LIST_LIMIT = 200;

/** The `status` query's optional argument (also the API's query string for steps). */
export const statusQueryOptions = z
  .object({
    /** Index of the first step (a `nextCursor` from an earlier page). */
    cursor: z.string().regex(/^\d{1,9}$/, 'expected a cursor from stepsPage.nextCursor').optional(),
    /** Steps per page, at most MAX_STEP_PAGE. */
    limit: z.coerce.number().int().min(1).max(MAX_STEP_PAGE).optional(),
    /** Only these steps (unknown ids are left out). */
    ids: z.array(z.string().min(1).max(100)).max(MAX_STEP_PAGE).optional(),
    /** Only steps in these states. */
    states: z.array(stepState).optional(),
  })
  .strict();

export type StatusQueryOptions = z.infer<typeof statusQueryOptions>;

const WHAT: Record<NonNullable<StepStatus['awaiting']>, string> = {
  completion: 'complete',
  'retry-skip-rollback': 'retry / skip / rollback',
  'retry-skip': 'retry / skip',
};

/** Who may be asked: the plan's stakeholders (name and role). */
export type Roster = readonly { name: string; role: string }[];

/** Stakeholders holding one of `roles`, less those who already acted (by name). */
function awaitedPeople(roster: Roster, roles: readonly string[], actedBy: readonly string[]): string[] {
  const acted = new Set(actedBy.map((name) => name.toLowerCase()));
  // In the order of the roles: a step's owner before the cutover lead.
  const names = roles.flatMap((role) => roster.filter((person) => person.role === role && !acted.has(person.name.toLowerCase())).map((person) => person.name));
  return [...new Set(names)];
}

/** Since when a step waits: a manual step since it started, a failed one since its failure. */
function waitingSince(step: StepStatus): string | null {
  if (step.awaiting === 'completion') return step.startedAt;
  if (step.awaiting === 'retry-skip') return step.compensation?.endedAt ?? step.endedAt;
  return step.endedAt ?? step.startedAt;
}

/** Open gates, then steps waiting for a person; the first `limit` of them and the total. */
export function waitingFor(state: RunState, limit = SUMMARY_LIST_LIMIT, roster: Roster = []): { items: WaitingItem[]; total: number } {
  const gates = state.openGateIds();
  const steps = state.steps.awaitingSteps();
  const items: WaitingItem[] = [];
  for (const id of gates.slice(0, limit)) {
    const gate = state.gate(id)!;
    const approvedBy = gate.approvals.map((approval) => approval.operator);
    items.push({
      kind: 'gate',
      id,
      what: gate.kind === 'go-no-go' ? 'decide go / no-go' : 'decide continue / pause / rollback',
      roles: [...gate.approverRoles],
      since: gate.openedAt,
      deadline: gate.deadline,
      approvedBy,
      quorum: gate.quorum,
      awaited: awaitedPeople(roster, gate.approverRoles, approvedBy),
      ...(gate.escalatedTo ? { escalatedTo: [...gate.escalatedTo] } : {}),
    });
  }
  for (const { id, awaiting } of steps.slice(0, Math.max(0, limit - items.length))) {
    const step = state.step(id) as StepStatus;
    const roles = stepActors(step.owner);
    // A waiting contingency or rollback step may also be skipped (with a reason).
    const what = step.section && awaiting === 'completion' ? 'complete / skip' : WHAT[awaiting];
    const escalated = step.escalatedTo ? { escalatedTo: [...step.escalatedTo] } : {};
    items.push({ kind: 'step', id, what, roles, since: waitingSince(step), deadline: null, awaited: awaitedPeople(roster, roles, []), ...escalated });
  }
  return { items, total: gates.length + steps.length };
}

/** The status document, with every step when the plan is small, else a page (or a selection). */
export function statusView(state: RunState, run: number, options: StatusQueryOptions = {}, roster: Roster = []): StatusDocument {
  const doc = state.document as StatusDocument;
  const all = doc.steps;
  const limit = options.limit ?? DEFAULT_STEP_PAGE;
  const filtered = options.ids !== undefined || options.states !== undefined;
  let steps: StepStatus[];
  let page: StatusDocument['stepsPage'] = null;
  if (filtered) {
    const ids = options.ids ? new Set(options.ids) : null;
    const states = options.states ? new Set(options.states) : null;
    const pick = (step: StepStatus) => (!ids || ids.has(step.id)) && (!states || states.has(step.state));
    steps = ids && !states && ids.size <= limit ? [...ids].flatMap((id) => (state.hasStep(id) ? [state.step(id) as StepStatus] : [])) : pageOf(all.filter(pick), 0, limit);
    page = { total: all.length, offset: 0, returned: steps.length, nextCursor: null };
  } else {
    const offset = Math.max(0, Number.parseInt(options.cursor ?? '0', 10) || 0);
    steps = offset === 0 && all.length <= limit ? all : pageOf(all, offset, limit);
    if (steps !== all) page = { total: all.length, offset, returned: steps.length, nextCursor: offset + steps.length < all.length ? String(offset + steps.length) : null };
  }
  return { ...doc, steps, stepCounts: state.steps.byState(), stepsPage: page, rejectedTotal: state.rejectedCount, run, waiting: waitingFor(state, WAITING_LIST_LIMIT, roster) };
}

function pageOf(steps: StepStatus[], offset: number, limit: number): StepStatus[] {
  return steps.slice(offset, offset + limit);
}

export function summaryOf(state: RunState, run: number, roster: Roster = []): CutoverSummary {
  const doc = state.document;
  const running = state.steps.runningIds();
  const waiting = waitingFor(state, SUMMARY_LIST_LIMIT, roster);
  return {
    id: doc.id,
    name: doc.name,
    mode: doc.mode,
    state: doc.state,
    phase: doc.phase,
    startedAt: doc.startedAt,
    updatedAt: doc.updatedAt,
    endedAt: doc.endedAt,
    stepTotal: doc.steps.length,
    stepCounts: state.steps.byState(),
    running: running.slice(0, SUMMARY_LIST_LIMIT),
    runningTotal: running.length,
    waitingFor: waiting.items,
    waitingTotal: waiting.total,
    openIssues: doc.issues.filter((issue) => issue.state === 'open').length,
    decisions: doc.decisions.length,
    rollback: doc.rollback ? { ...doc.rollback } : null,
    error: doc.error ? { ...doc.error } : null,
    run,
  };
}

export function ackOf(state: RunState, message: string, target: string | null, effect: string, extra: Pick<UpdateAck, 'gate' | 'issue'> = {}, roster: Roster = []): UpdateAck {
  return { message, target, effect, id: state.id, state: state.state, phase: state.currentPhase, paused: state.paused, waitingFor: waitingFor(state, SUMMARY_LIST_LIMIT, roster).items, ...extra };
}

/** The gate as an acknowledgement shows it. */
export function gateAck(state: RunState, id: string): UpdateAck['gate'] {
  const gate = state.gate(id)!;
  return { id, state: gate.state, decision: gate.decision, approvals: gate.approvals.length, quorum: gate.quorum };
}

/** The short markdown the Temporal UI shows as the workflow's current details. */
export function currentDetailsMarkdown(state: RunState): string {
  const doc = state.document;
  const tally = Object.entries(state.steps.byState())
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const running = state.steps.runningIds();
  const lines = [`**${doc.name}** (${modeLabel(doc)}) — **${doc.state}**`, `Phase: ${doc.phase ?? '—'}`, `Steps: ${tally || 'none'}`];
  if (running.length) lines.push(`Running: ${listed(running.map((id) => `\`${id}\``))}`);
  const waiting = waitingFor(state, 10);
  for (const item of waiting.items) {
    if (item.kind === 'gate') lines.push(`Gate \`${item.id}\` open: ${item.roles.join(' / ')} to decide (update or signal \`decide\`)`);
    else lines.push(`Step \`${item.id}\` waits for ${item.what === 'complete' ? 'to be completed (`completeStep`)' : item.what === 'complete / skip' ? 'to be completed (`completeStep`) or skipped (`answerStep`)' : `an answer: ${item.what} (\`answerStep\`)`}`);
  }
  if (waiting.total > waiting.items.length) lines.push(`…and ${waiting.total - waiting.items.length} more waiting`);
  const openIssues = doc.issues.filter((issue) => issue.state === 'open');
  if (openIssues.length) lines.push(`Open issues: ${listed(openIssues.map((issue) => `${issue.id} (${issue.severity})`))}`);
  if (doc.error) lines.push(`Error: ${doc.error.step ? `\`${doc.error.step}\` ` : ''}${doc.error.message}`);
  return lines.join('\n\n');
}

function listed(items: string[], limit = 10): string {
  return items.length <= limit ? items.join(', ') : `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

