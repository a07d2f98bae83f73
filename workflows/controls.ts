/**
 * Operator controls and step answers: pause / resume / rollback of the whole cutover, manual
 * step completion, and answers (retry / skip / rollback) to steps waiting after a failure.
 */
import type { Compensation, Step } from '../plan/schema';
import { hasRole, type Actor, type CutoverRun } from './cutover-run';
import { answerStepPayload, completeStepPayload, controlPayload } from './message-schemas';
import { parsePayload } from './payload';
import { reject } from './rejections';
import type { StepAnswer } from './step-execution';

/** Who may pause, resume or roll back a cutover (and answer for any step). */
export const CONTROL_ROLES = ['cutover-lead'];

const actorOf = (payload: Actor): Actor => ({ operator: payload.operator, roles: payload.roles, source: payload.source });

function requireRole(payload: Actor, allowed: string[], what: string): void {
  if (!hasRole(payload.roles, allowed)) {
    reject('role-not-allowed', `${payload.operator} (roles: ${payload.roles.join(', ') || 'none'}) may not ${what}; allowed: ${allowed.join(', ')}`);
  }
}

export function validateControl(run: CutoverRun, raw: unknown, action: 'pause' | 'resume' | 'rollback') {
  const payload = parsePayload(controlPayload, raw);
  run.refuseWhenFinished();
  if (run.state.rollingBack) reject('rolling-back', `cutover ${run.id} is already rolling back`);
  if (action === 'pause' && run.state.doc.paused) reject('already-paused', `cutover ${run.id} is already paused`);
  if (action === 'resume' && !run.state.doc.paused) reject('not-paused', `cutover ${run.id} is not paused`);
  requireRole(payload, CONTROL_ROLES, `${action} the cutover`);
  return payload;
}

export function applyControl(run: CutoverRun, control: ReturnType<typeof validateControl>, action: 'pause' | 'resume' | 'rollback'): void {
  const actor = actorOf(control);
  if (action === 'pause') run.pause(control.reason, actor);
  else if (action === 'resume') run.resume(control.reason, actor);
  else run.requestRollback(control.reason, actor);
}

/** The plan step, or the compensation when that is what runs now (it may be manual too). */
function currentAction(run: CutoverRun, stepId: string): Step | Compensation | undefined {
  const step = run.planStep(stepId);
  return run.state.step(stepId).state === 'compensating' ? step?.compensate : step;
}

function stepOwners(run: CutoverRun, stepId: string): string[] {
  const owner = run.state.step(stepId).owner;
  return owner ? [owner, ...CONTROL_ROLES] : CONTROL_ROLES;
}

export function validateCompletion(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(completeStepPayload, raw);
  run.refuseWhenFinished();
  if (!run.state.hasStep(payload.step)) reject('unknown-step', `no step ${payload.step} in this cutover`);
  const status = run.state.step(payload.step);
  if (status.awaiting !== 'completion') reject('step-not-awaiting', `step ${payload.step} is ${status.state} and not waiting for completion`);
  requireRole(payload, stepOwners(run, payload.step), `complete step ${payload.step}`);
  const action = currentAction(run, payload.step);
  if (action?.kind === 'manual' && action.with.evidenceRequired && !payload.evidence.trim()) {
    reject('evidence-required', `step ${payload.step} needs evidence (what was done, where to see it)`);
  }
  return payload;
}

export function applyCompletion(run: CutoverRun, completion: ReturnType<typeof validateCompletion>): void {
  const actor = actorOf(completion);
  run.state.updateStep(completion.step, { completion: { ...actor, at: run.now(), evidence: completion.evidence }, awaiting: null }, run.now());
  run.state.recordAction('complete-step', completion.step, completion.evidence, actor, run.now());
  run.changed();
}

export function validateAnswer(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(answerStepPayload, raw);
  run.refuseWhenFinished();
  if (!run.state.hasStep(payload.step)) reject('unknown-step', `no step ${payload.step} in this cutover`);
  const status = run.state.step(payload.step);
  if (status.awaiting !== 'retry-skip' && status.awaiting !== 'retry-skip-rollback') {
    reject('step-not-awaiting', `step ${payload.step} is ${status.state} and not waiting for an answer`);
  }
  if (payload.action === 'rollback' && status.awaiting === 'retry-skip') {
    reject('invalid-decision', `step ${payload.step} takes retry or skip (the cutover is already rolling back)`);
  }
  requireRole(payload, payload.action === 'rollback' ? CONTROL_ROLES : stepOwners(run, payload.step), `${payload.action} step ${payload.step}`);
  return payload;
}

export function applyAnswer(run: CutoverRun, answer: ReturnType<typeof validateAnswer>, answers: Map<string, StepAnswer>): void {
  const actor = actorOf(answer);
  run.state.recordAction(answer.action, answer.step, answer.reason, actor, run.now());
  answers.set(answer.step, answer.action);
  if (answer.action === 'rollback') run.requestRollback(`step ${answer.step}: ${answer.reason || 'operator chose rollback'}`, actor);
  run.changed();
}
