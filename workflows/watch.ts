/**
 * Watches: a phase's metrics read every `every` beside its steps, from the phase's start until
 * `untilPhaseEnds` ends (or the cutover ends or rolls back). Each reading is judged per metric
 * (workflows/watch-verdict.ts); when a metric's tolerance runs out golive notifies the approvers,
 * pauses, rolls back, or opens a decision gate (`<phase>-watch-<n>`) while the steps go on.
 * Schedule, counters and evaluations live in the run aggregate, so a new run after continue-as-new
 * resumes every active watch (and an open gate) where the last one left it.
 */
import { condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { SupportActivities } from '../activities/contract';
import type { Phase, Watch } from '../plan/schema';
import { AUTO, type CutoverRun } from './cutover-run';
import { awaitDecision, escalate, decisionActor, newGate, openGate, remainingTimeout } from './gates';
import { stepBaselines } from './metric-reads';
import { readMetrics } from './rehearsal-metrics';
import type { WatchEvaluation } from './status-document';
import { judgeWatch, strongestStop } from './watch-verdict';

const metrics = proxyActivities<SupportActivities>({
  summary: 'read watch metrics',
  startToCloseTimeout: '1m',
  retry: { maximumAttempts: 3, initialInterval: '1s' },
});

interface Running {
  /** Set when the phase the watch runs until is about to end. */
  stop: boolean;
  done: Promise<void>;
}

/** The watches running in this workflow run, by the phase that declared them. */
export class WatchRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly run: CutoverRun) {}

  /** A new run picks up the watches an earlier run had started and not ended. */
  resumeActive(): void {
    for (const status of this.run.state.activeWatches) {
      const phase = this.run.plan.phases.find((p) => p.id === status.phase);
      if (phase?.watch) this.launch(phase, phase.watch);
    }
  }

  /** The phase's own watch, starting with its steps (once; a resumed one is already running). */
  startFor(phase: Phase): void {
    if (!phase.watch || this.running.has(phase.id) || this.run.state.watch(phase.id)) return;
    const every = this.run.scaled(phase.watch.every);
    this.run.state.startWatch(phase.id, phase.watch.untilPhaseEnds ?? phase.id, phase.watch.every, new Date(Date.now() + every).toISOString(), this.run.now());
    this.run.changed();
    this.launch(phase, phase.watch);
  }

  /** Before `phaseId` ends: stops the watches that run until it, letting an open gate be decided first. */
  async endOf(phaseId: string): Promise<void> {
    const ending = [...this.running.entries()].filter(([owner]) => this.run.state.watch(owner)?.until === phaseId);
    for (const [, watch] of ending) watch.stop = true;
    await Promise.all(ending.map(([, watch]) => watch.done));
  }

  private launch(phase: Phase, plan: Watch): void {
    const handle: Running = { stop: false, done: Promise.resolve() };
    // Beside the phase's steps; a rollback cancels it with the forward run, which is its end.
    handle.done = watchLoop(this.run, phase, plan, handle).catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    this.running.set(phase.id, handle);
  }
}

async function watchLoop(run: CutoverRun, phase: Phase, plan: Watch, handle: Running): Promise<void> {
  const stopped = () => handle.stop || run.state.rollingBack || run.state.finished;
  const untilMs = plan.until ? run.scaled(plan.until) : Number.POSITIVE_INFINITY;
  try {
    const pending = run.state.watch(phase.id)!.pendingGate;
    if (pending) await settleGate(run, phase, plan, pending);
    for (;;) {
      const status = run.state.watch(phase.id)!;
      if (plan.count !== undefined && status.next > plan.count) break;
      if (Date.parse(status.nextDueAt) - Date.parse(status.startedAt) > untilMs) break;
      if (await condition(stopped, run.until(status.nextDueAt), { summary: `${phase.id} watch ${status.next} in ${plan.every}` })) break;
      await condition(() => stopped() || (!run.state.paused && !run.draining));
      if (stopped()) break;
      await evaluate(run, phase, plan, status.next);
    }
  } finally {
    // Also when a rollback cancelled it: the record shows the watch over.
    run.state.endWatch(phase.id, run.now());
    run.changed();
  }
}

/** Reads, judges, records and acts on evaluation `n`. */
async function evaluate(run: CutoverRun, phase: Phase, plan: Watch, n: number): Promise<void> {
  const gateId = `${phase.id}-watch-${n}`;
  const readings = await readMetrics(run, metrics, gateId, plan.metrics, plan.every);
  const verdict = judgeWatch(plan.metrics, readings, run.state.watch(phase.id)!.counters, stepBaselines(run, plan.metrics));
  const stop = strongestStop(verdict.triggers);
  const notify = verdict.triggers.filter((t) => t.action === 'notify');
  const acting = verdict.triggers.filter((t) => t.action === stop);
  const reason = [...acting, ...notify].map((t) => t.reason).join('; ');
  const evaluation: WatchEvaluation = { n, at: run.now(), metrics: verdict.metrics, action: stop ?? (notify.length ? 'notify' : 'none') };
  if (reason) evaluation.reason = reason;
  if (stop === 'decide') evaluation.gate = gateId;
  const nextDueAt = new Date(Date.now() + run.scaled(plan.every)).toISOString();
  // Recorded in the same workflow step as the action, so a new run never acts on it twice.
  run.state.recordWatchEvaluation(phase.id, evaluation, verdict.counters, nextDueAt, plan.keepEvaluations, run.now());
  run.changed();
  if (notify.length) run.notice('watch', `Watch ${phase.id} #${n}: ${notify.map((t) => t.reason).join('; ')}`, [...plan.approvers.roles], { phase: phase.id, evaluation: n });
  const why = acting.map((t) => t.reason).join('; ');
  if (stop === 'rollback') run.requestRollback(`watch ${phase.id} #${n}: ${why}`, AUTO);
  else if (stop === 'pause') run.pause(`watch ${phase.id} #${n}: ${why}`, AUTO);
  else if (stop === 'decide') {
    newGate(run, { id: gateId, kind: 'checkpoint', phase: phase.id, sequence: n, approverRoles: plan.approvers.roles, quorum: 1, evaluation: { evaluations: verdict.metrics, breached: true, reasons: acting.map((t) => t.reason) } });
    run.state.setWatchPendingGate(phase.id, gateId);
    openGate(run, gateId, plan.decideTimeout ? run.scaled(plan.decideTimeout) : null, `Watch ${gateId} on ${phase.id}: ${why}. Decide continue, pause or rollback.`);
    await settleGate(run, phase, plan, gateId);
  }
}

/** Waits for the decision on a watch gate (escalating past decideTimeout) and acts on it once. */
async function settleGate(run: CutoverRun, phase: Phase, plan: Watch, gateId: string): Promise<void> {
  const why = run.state.gate(gateId)!.evaluation?.reasons.join('; ') ?? '';
  const decision = await awaitDecision(run, gateId, remainingTimeout(run, gateId), () => escalate(run, gateId, `Watch ${gateId} is undecided after ${plan.decideTimeout}: ${why}`, plan.escalateTo));
  run.state.setWatchPendingGate(phase.id, null);
  const actor = decisionActor(run, gateId);
  if (decision === 'rollback') run.requestRollback(`watch ${gateId}: ${why}`, actor);
  if (decision === 'pause') run.pause(`watch ${gateId}: ${why}`, actor);
}
