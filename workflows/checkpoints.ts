/**
 * Hypercare checkpoints: every `every`, read the phase's metrics and judge them against their
 * thresholds (and the plan's rollback criteria). Within → an automatic, recorded `continue`;
 * a breach → `onBreach`: wait for a decision (escalating past `decideTimeout`), pause, or roll back.
 * The next checkpoint's number and due time live in the run aggregate, so a run that continued
 * as new picks up the schedule (and an open or decided checkpoint) where the last one left it.
 */
import { condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { SupportActivities } from '../activities/contract';
import type { Checkpoints, Phase } from '../plan/schema';
import { atOrAbove } from '../plan/severity';
import { evaluateCheckpoint } from '../plan/thresholds';
import { AUTO, type CutoverRun } from './cutover-run';
import { stepBaselines } from './metric-reads';
import { readMetrics } from './rehearsal-metrics';
import { awaitDecision, decideGate, decisionActor, escalate, newGate, openGate, remainingTimeout } from './gates';

const metrics = proxyActivities<SupportActivities>({
  summary: 'read checkpoint metrics',
  startToCloseTimeout: '1m',
  retry: { maximumAttempts: 3, initialInterval: '1s' },
});

/** The plan's rollback criteria as breaches: e.g. a critical issue unresolved for longer than 4h. */
function criteriaBreaches(run: CutoverRun): string[] {
  const rule = run.plan.rollbackCriteria?.unresolvedIssue;
  if (!rule) return [];
  const limitMs = run.scaled(rule.olderThan);
  return run.state.issues
    .filter((issue) => issue.state === 'open' && atOrAbove(issue.severity, rule.severity))
    // Overdue: its age timer fired (issue-age timers), or it is that old now.
    .filter((issue) => issue.overdueAt !== undefined || Date.now() - Date.parse(issue.reportedAt) >= limitMs)
    .map((issue) => `issue ${issue.id} (${issue.severity}) unresolved for more than ${rule.olderThan}: ${issue.summary}`);
}

/** Acts on a checkpoint's verdict; resolves when the cutover may go on to the next checkpoint. */
async function act(run: CutoverRun, phaseId: string, n: number, decision: string, reason: string): Promise<void> {
  const gateId = `${phaseId}-checkpoint-${n}`;
  const actor = decisionActor(run, gateId);
  const clock = run.state.checkpointClockOf(phaseId)!;
  if (!clock.acted) {
    // Recorded in the same step as the action, so a new run never acts on this checkpoint twice.
    run.state.setCheckpointClock(phaseId, { ...clock, acted: true });
    if (decision === 'rollback') run.requestRollback(`checkpoint ${gateId}: ${reason}`, actor);
    if (decision === 'pause') run.pause(`checkpoint ${gateId}: ${reason}`, actor);
  }
  if (decision === 'rollback') await condition(() => false); // the rollback cancels this scope
  if (decision === 'pause') await run.whilePaused();
}

/** Checkpoint `n` of the phase: read, judge, and decide (automatically, or wait for a person). */
async function runCheckpoint(run: CutoverRun, phase: Phase, plan: Checkpoints, n: number): Promise<void> {
  const gateId = `${phase.id}-checkpoint-${n}`;
  const existing = run.state.gate(gateId);
  if (existing) {
    // Picked up after a continue-as-new: decided (maybe not yet acted on) or still open.
    const reasons = existing.evaluation?.reasons.join('; ') ?? '';
    const decision = existing.state === 'decided' ? existing.decision! : await awaitDecision(run, gateId, remainingTimeout(run, gateId), () => escalate(run, gateId, `Checkpoint ${gateId} is undecided after ${plan.decideTimeout}: ${reasons}`, plan.escalateTo));
    await act(run, phase.id, n, decision, reasons);
    return;
  }
  const readings = await readMetrics(run, metrics, gateId, plan.metrics, plan.every);
  const baselines = stepBaselines(run, plan.metrics);
  const { evaluations } = evaluateCheckpoint(plan.metrics, readings, baselines);
  const reasons = [...evaluations.filter((e) => e.breached).map((e) => e.reason ?? `${e.id} breached`), ...criteriaBreaches(run)];
  newGate(run, {
    id: gateId,
    kind: 'checkpoint',
    phase: phase.id,
    sequence: n,
    approverRoles: plan.approvers.roles,
    quorum: 1,
    evaluation: { evaluations, breached: reasons.length > 0, reasons },
  });
  if (reasons.length === 0) {
    decideGate(run, gateId, 'continue', AUTO, 'every metric within its thresholds');
    return;
  }
  const why = reasons.join('; ');
  if (plan.onBreach !== 'decide') {
    decideGate(run, gateId, plan.onBreach, AUTO, why);
    await act(run, phase.id, n, plan.onBreach, why);
    return;
  }
  const timeoutMs = plan.decideTimeout ? run.scaled(plan.decideTimeout) : null;
  openGate(run, gateId, timeoutMs, `Checkpoint ${gateId} breached: ${why}. Decide continue, pause or rollback.`);
  const decision = await awaitDecision(run, gateId, timeoutMs, () => escalate(run, gateId, `Checkpoint ${gateId} is undecided after ${plan.decideTimeout}: ${why}`, plan.escalateTo));
  await act(run, phase.id, n, decision, why);
}

export async function runCheckpoints(run: CutoverRun, phase: Phase, plan: Checkpoints): Promise<void> {
  const everyMs = run.scaled(plan.every);
  const untilMs = plan.until ? run.scaled(plan.until) : Number.POSITIVE_INFINITY;
  const summary = (n: number) => ({ summary: `${phase.id} checkpoint ${n} in ${plan.every}` });
  for (let n = run.state.checkpointClockOf(phase.id)?.next ?? 1; (plan.count === undefined || n <= plan.count) && n * everyMs <= untilMs; n++) {
    const clock = run.state.checkpointClockOf(phase.id);
    if (clock?.next !== n) {
      run.state.setCheckpointClock(phase.id, { next: n, dueAt: new Date(Date.now() + everyMs).toISOString(), acted: false });
      await sleep(everyMs, summary(n));
      await run.whilePaused();
    } else if (!run.state.gate(`${phase.id}-checkpoint-${n}`)) {
      // A new run picks up the schedule: this checkpoint is due at the time the last run set.
      await sleep(run.until(clock.dueAt), summary(n));
      await run.whilePaused();
    }
    await runCheckpoint(run, phase, plan, n);
  }
}
