/**
 * Hypercare checkpoints: every `every`, read the phase's metrics and judge them against their
 * thresholds (and the plan's rollback criteria). Within → an automatic, recorded `continue`;
 * a breach → `onBreach`: wait for a decision (escalating past `decideTimeout`), pause, or roll back.
 */
import { condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { SupportActivities } from '../activities/contract';
import type { Checkpoints, Phase } from '../plan/schema';
import { atOrAbove } from '../plan/severity';
import { evaluateCheckpoint } from '../plan/thresholds';
import { AUTO, type Actor, type CutoverRun } from './cutover-run';
import { awaitDecision, decideGate, escalate, newGate, openGate } from './gates';

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
  return run.state.doc.issues
    .filter((issue) => issue.state === 'open' && atOrAbove(issue.severity, rule.severity))
    .filter((issue) => Date.now() - Date.parse(issue.reportedAt) >= limitMs)
    .map((issue) => `issue ${issue.id} (${issue.severity}) unresolved for more than ${rule.olderThan}: ${issue.summary}`);
}

function lastDecider(run: CutoverRun, gateId: string): Actor {
  const record = run.state.doc.decisions.filter((d) => d.gate === gateId).at(-1);
  return record ? { operator: record.operator, roles: record.roles, source: record.source } : AUTO;
}

/** Acts on a checkpoint's verdict; resolves when the cutover may go on to the next checkpoint. */
async function act(run: CutoverRun, gateId: string, decision: string, reason: string): Promise<void> {
  const actor = lastDecider(run, gateId);
  if (decision === 'rollback') {
    run.requestRollback(`checkpoint ${gateId}: ${reason}`, actor);
    await condition(() => false); // the rollback cancels this scope
  }
  if (decision === 'pause') {
    run.pause(`checkpoint ${gateId}: ${reason}`, actor);
    await run.whilePaused();
  }
}

export async function runCheckpoints(run: CutoverRun, phase: Phase, plan: Checkpoints): Promise<void> {
  const everyMs = run.scaled(plan.every);
  const untilMs = plan.until ? run.scaled(plan.until) : Number.POSITIVE_INFINITY;
  for (let n = 1; (plan.count === undefined || n <= plan.count) && n * everyMs <= untilMs; n++) {
    await sleep(everyMs, { summary: `${phase.id} checkpoint ${n} in ${plan.every}` });
    await run.whilePaused();
    const gateId = `${phase.id}-checkpoint-${n}`;
    const readings = await metrics.readMetrics({ cutoverId: run.id, checkpoint: gateId, metrics: plan.metrics.map(({ id, source }) => ({ id, source })) });
    const { evaluations } = evaluateCheckpoint(plan.metrics, readings);
    const reasons = [...evaluations.filter((e) => e.breached).map((e) => e.reason ?? `${e.id} breached`), ...criteriaBreaches(run)];
    const gate = newGate(run, {
      id: gateId,
      kind: 'checkpoint',
      phase: phase.id,
      sequence: n,
      approverRoles: plan.approvers.roles,
      quorum: 1,
      evaluation: { evaluations, breached: reasons.length > 0, reasons },
    });
    if (reasons.length === 0) {
      decideGate(run, gate, 'continue', AUTO, 'every metric within its thresholds');
      continue;
    }
    const why = reasons.join('; ');
    if (plan.onBreach !== 'decide') {
      decideGate(run, gate, plan.onBreach, AUTO, why);
      await act(run, gateId, plan.onBreach, why);
      continue;
    }
    const timeoutMs = plan.decideTimeout ? run.scaled(plan.decideTimeout) : null;
    openGate(run, gate, timeoutMs, `Checkpoint ${gateId} breached: ${why}. Decide continue, pause or rollback.`);
    const decision = await awaitDecision(gate, timeoutMs, () =>
      escalate(run, gate, `Checkpoint ${gateId} is undecided after ${plan.decideTimeout}: ${why}`),
    );
    await act(run, gateId, decision, why);
  }
}
