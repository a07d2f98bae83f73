/**
 * Rollback criteria on time (rollbackCriteria.unresolvedIssue): every issue at or above the
 * criterion's severity gets a durable timer at reportedAt + olderThan (scaled for rehearsals).
 * Resolved first, the timer is cancelled; still open when it fires, the issue is overdue and the
 * criterion acts, in any phase, while steps run, with or without checkpoints: `rollback` rolls
 * the cutover back naming the issue, `decide` opens gate `issue-<id>-age` (continue / pause /
 * rollback, escalating past `decideTimeout`). Due times and whether a firing was acted on live in
 * the run aggregate, so a new run (continue-as-new) re-arms the timers. Patched
 * 'issue-age-timers', decided when the cutover started. Workflow code (deterministic).
 */
import { condition, isCancellation } from '@temporalio/workflow';
import type { UnresolvedIssueCriterion } from '../plan/schema';
import { atOrAbove } from '../plan/severity';
import { AUTO, type Actor, type CutoverRun } from './cutover-run';
import { decideGate, decisionActor, escalate, newGate, openGate, remainingTimeout } from './gates';

/** Who decides when an issue is overdue, unless the criterion names approvers. */
const DEFAULT_APPROVERS = ['cutover-lead'];

export const issueAgeGateId = (issueId: string): string => `issue-${issueId}-age`;

function criterionOf(run: CutoverRun): UnresolvedIssueCriterion | undefined {
  return run.state.rules.issueAgeTimers ? run.plan.rollbackCriteria?.unresolvedIssue : undefined;
}

/** Arms a timer for every issue at or above the criterion's severity, as issues are reported (for the whole run). */
export async function watchIssueAges(run: CutoverRun): Promise<void> {
  const rule = criterionOf(run);
  if (!rule) return;
  let next = 0; // issues are only appended: the first not yet looked at
  for (;;) {
    await condition(() => run.state.issues.length > next);
    while (next < run.state.issues.length) {
      const issue = run.state.issues[next++];
      if (atOrAbove(issue.severity, rule.severity)) {
        ageTimer(run, rule, issue.id).catch((err: unknown) => {
          if (!isCancellation(err)) throw err;
        });
      }
    }
  }
}

/** One issue's timer, from its report (or from where the last run left it) to its action. */
async function ageTimer(run: CutoverRun, rule: UnresolvedIssueCriterion, issueId: string): Promise<void> {
  const issue = () => run.state.issue(issueId)!;
  if (!run.state.issueAgeOf(issueId)) {
    run.state.setIssueAge(issueId, { dueAt: new Date(Date.parse(issue().reportedAt) + run.scaled(rule.olderThan)).toISOString(), acted: false });
  }
  const age = run.state.issueAgeOf(issueId)!;
  if (age.acted) return;
  const moot = () => issue().state === 'resolved' || run.state.rollingBack || run.state.finished;
  if (!issue().overdueAt) {
    if (moot()) return;
    // Resolved (or rolled back) first: the condition ends early and its timer is cancelled.
    if (await condition(moot, run.until(age.dueAt), { summary: `issue ${issueId} older than ${rule.olderThan}` })) return;
    run.state.markIssueOverdue(issueId, run.now());
    run.changed();
  }
  // An open gate is still decided (or continues on its own once the issue is resolved).
  if (moot() && run.state.gate(issueAgeGateId(issueId))?.state !== 'open') return;
  const { severity, summary } = issue();
  const why = `issue ${issueId} (${severity}) unresolved for more than ${rule.olderThan}: ${summary}`;
  if ((rule.action ?? 'decide') === 'rollback') return act(run, issueId, 'rollback', why, AUTO);
  const decision = await decide(run, rule, issueId, why);
  act(run, issueId, decision, why, decisionActor(run, issueAgeGateId(issueId)));
}

/** Opens (or picks up) the issue's gate and waits for a decision; the issue resolved meanwhile continues on its own. */
async function decide(run: CutoverRun, rule: UnresolvedIssueCriterion, issueId: string, why: string): Promise<string> {
  const gateId = issueAgeGateId(issueId);
  let timeoutMs: number | null;
  if (run.state.gate(gateId)) {
    timeoutMs = remainingTimeout(run, gateId);
  } else {
    newGate(run, {
      id: gateId,
      kind: 'issue-age',
      phase: run.state.currentPhase ?? run.plan.phases[0].id,
      sequence: null,
      approverRoles: rule.approvers?.roles ?? DEFAULT_APPROVERS,
      quorum: 1,
      evaluation: { evaluations: [], breached: true, reasons: [why] },
    });
    timeoutMs = rule.decideTimeout ? run.scaled(rule.decideTimeout) : null;
    openGate(run, gateId, timeoutMs, `Rollback criterion breached: ${why}. Decide continue, pause or rollback.`);
  }
  const gate = () => run.state.gate(gateId)!;
  const settled = () => gate().state === 'decided' || run.state.issue(issueId)!.state === 'resolved';
  if (timeoutMs !== null && !(await condition(settled, timeoutMs, { summary: `gate ${gateId} timeout` }))) {
    escalate(run, gateId, `${gateId} is undecided after ${rule.decideTimeout}: ${why}`);
  }
  await condition(settled);
  if (gate().state !== 'decided') {
    // The breach ended without a decision: recorded as golive's continue, naming who resolved it.
    const resolved = run.state.issue(issueId)!;
    decideGate(run, gateId, 'continue', AUTO, `issue ${issueId} resolved by ${resolved.resolvedBy}: ${resolved.resolution}`);
  }
  return gate().decision!;
}

/** Acts on the criterion once (recorded in the same step, so a new run never acts twice). */
function act(run: CutoverRun, issueId: string, decision: string, why: string, actor: Actor): void {
  const age = run.state.issueAgeOf(issueId)!;
  if (age.acted) return;
  run.state.setIssueAge(issueId, { ...age, acted: true });
  if (decision === 'rollback') run.requestRollback(`rollback criterion: ${why}`, actor);
  else if (decision === 'pause' && !run.state.paused && !run.state.rollingBack) run.pause(`rollback criterion: ${why}`, actor);
}

/** Whether an issue-age decision is still open: the cutover does not complete before it is made. */
function undecided(run: CutoverRun): boolean {
  return run.state.openGateIds().some((id) => run.state.gate(id)!.kind === 'issue-age');
}

/** At the end of the forward run: waits for open issue-age decisions (and a pause one asked for). */
export async function settleIssueAgeDecisions(run: CutoverRun): Promise<void> {
  if (!undecided(run)) return;
  await condition(() => !undecided(run));
  await run.whilePaused();
}
