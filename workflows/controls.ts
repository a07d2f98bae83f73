/**
 * Operator controls and step answers: pause / resume / rollback of the whole cutover, manual
 * step completion, and answers (retry / skip / rollback) to steps waiting after a failure (and
 * skips, with a reason, of contingency and rollback steps waiting for their manual completion).
 */
import type { Compensation, Step } from '../plan/schema';
import type { Actor, CutoverRun } from './cutover-run';
import type { Applied } from './handlers';
import { answerStepPayload, completeStepPayload, controlPayload } from './message-schemas';
import { parsePayload } from './payload';
import { refuseOverLimit } from './record-limits';
import { actorOf } from './provenance';
import { reject } from './rejections';
import { CONTROL_ROLES, hasRole, stepActors } from './roles';

function requireRole(payload: Pick<Actor, 'operator' | 'roles'>, allowed: string[], what: string): void {
  if (!hasRole(payload.roles, allowed)) {
    reject('role-not-allowed', `${payload.operator} (roles: ${payload.roles.join(', ') || 'none'}) may not ${what}; allowed: ${allowed.join(', ')}`);
  }
}

export function validateControl(run: CutoverRun, raw: unknown, action: 'pause' | 'resume' | 'rollback') {
  const payload = parsePayload(controlPayload, raw);
  // Who may act is answered before what state the cutover is in: a stranger learns nothing of it.
  requireRole(payload, CONTROL_ROLES, `${action} the cutover`);
  run.refuseWhenFinished();
  if (run.state.rollingBack) reject('rolling-back', `cutover ${run.id} is already rolling back`);
  if (action === 'pause' && run.state.paused) reject('already-paused', `cutover ${run.id} is already paused`);
  if (action === 'resume' && !run.state.paused) reject('not-paused', `cutover ${run.id} is not paused`);
  if (action === 'pause') refuseOverLimit(run.plan, 'pauses', run.state.actionCount('pause'), 1, 'pauses');
  return payload;
}

const CONTROL_EFFECT = { pause: 'paused', resume: 'resumed', rollback: 'rolling-back' } as const;

export function applyControl(run: CutoverRun, control: ReturnType<typeof validateControl>, action: 'pause' | 'resume' | 'rollback', verified: boolean): Applied {
  const actor = actorOf(control, verified);
  if (action === 'pause') run.pause(control.reason, actor);
  else if (action === 'resume') run.resume(control.reason, actor);
  else run.requestRollback(control.reason, actor);
  return { target: null, effect: CONTROL_EFFECT[action] };
}

/** The plan step, or the compensation when that is what runs now (it may be manual too). */
function currentAction(run: CutoverRun, stepId: string): Step | Compensation | undefined {
  const step = run.planStep(stepId);
  return run.state.step(stepId).state === 'compensating' ? step?.compensate : step;
}

export function validateCompletion(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(completeStepPayload, raw);
  if (!run.state.hasStep(payload.step)) reject('unknown-step', `no step ${payload.step} in this cutover`);
  const status = run.state.step(payload.step);
  requireRole(payload, stepActors(status.owner), `complete step ${payload.step}`);
  run.refuseWhenFinished();
  if (status.awaiting !== 'completion') reject('step-not-awaiting', `step ${payload.step} is ${status.state} and not waiting for completion`);
  const action = currentAction(run, payload.step);
  if (action?.kind === 'manual' && action.with.evidenceRequired && !payload.evidence.trim()) {
    reject('evidence-required', `step ${payload.step} needs evidence (what was done, where to see it)`);
  }
  return payload;
}

export function applyCompletion(run: CutoverRun, completion: ReturnType<typeof validateCompletion>, verified: boolean): Applied {
  run.state.completeStep(completion.step, completion.evidence, actorOf(completion, verified), run.now());
  run.changed();
  return { target: completion.step, effect: 'completed' };
}

export function validateAnswer(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(answerStepPayload, raw);
  if (!run.state.hasStep(payload.step)) reject('unknown-step', `no step ${payload.step} in this cutover`);
  const status = run.state.step(payload.step);
  requireRole(payload, payload.action === 'rollback' ? CONTROL_ROLES : stepActors(status.owner), `${payload.action} step ${payload.step}`);
  run.refuseWhenFinished();
  // A contingency or rollback step waiting for its manual completion may be skipped too.
  const skipsManualProcedureStep = payload.action === 'skip' && status.section !== undefined && status.state === 'running' && status.awaiting === 'completion';
  if (status.awaiting !== 'retry-skip' && status.awaiting !== 'retry-skip-rollback' && !skipsManualProcedureStep) {
    reject('step-not-awaiting', `step ${payload.step} is ${status.state} and not waiting for an answer`);
  }
  if (payload.action === 'skip' && status.section !== undefined && !payload.reason.trim()) {
    reject('reason-required', `skipping ${status.section} step ${payload.step} needs a reason (kept on the step and in the audit log)`);
  }
  if (run.state.hasAnswer(payload.step)) reject('step-not-awaiting', `step ${payload.step} has been answered already`);
  if (payload.action === 'rollback' && status.awaiting === 'retry-skip') {
    reject('invalid-decision', `step ${payload.step} takes retry or skip (the cutover is already rolling back)`);
  }
  if (payload.action === 'retry') refuseOverLimit(run.plan, 'retriesPerStep', run.state.actionCount('retry', payload.step), 1, `retries of step ${payload.step}`);
  return payload;
}

export function applyAnswer(run: CutoverRun, answer: ReturnType<typeof validateAnswer>, verified: boolean): Applied {
  const actor = actorOf(answer, verified);
  run.state.recordAnswer(answer.step, answer.action, answer.reason, actor, run.now());
  if (answer.action === 'rollback') run.requestRollback(`step ${answer.step}: ${answer.reason || 'operator chose rollback'}`, actor);
  run.changed();
  return { target: answer.step, effect: answer.action };
}
