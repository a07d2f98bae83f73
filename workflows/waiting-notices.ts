/**
 * Telling people they are waited on. When a gate opens, a manual step (or manual compensation)
 * starts waiting, or a failed step waits for an answer, the roles that can act get a `waiting`
 * notice: what waits, since when, until when; the sending activity adds the CLI commands and a
 * console link. Past a timeout the escalation goes to the plan's `escalateTo` roles (the gate's,
 * checkpoint block's or step's, else settings.escalateTo; without any, as before, to those who
 * were waited on) and is on the record: `escalatedAt`, `escalatedTo` and an `escalate` action.
 * Histories recorded before this (no `waiting-notices` marker) notify as they did. Workflow code.
 */
import { patched } from '@temporalio/workflow';
import type { WaitingRef } from '../activities/contract';
import { AUTO, type CutoverRun } from './cutover-run';
import { stepActors } from './roles';
import type { StepStatus } from './status-document';

const PATCH = 'waiting-notices';

/** `; deadline …` when it times out or escalates at some point. */
const until = (deadline: string | null) => (deadline ? `; deadline ${deadline}` : '');

/** The text as a sentence, so more can follow it. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function gateRef(run: CutoverRun, gateId: string): WaitingRef {
  const gate = run.state.gate(gateId)!;
  const expects = gate.kind === 'go-no-go' ? 'go-no-go' : 'checkpoint';
  return { kind: 'gate', id: gateId, expects, since: gate.openedAt ?? run.now(), deadline: gate.deadline, roles: [...gate.approverRoles] };
}

/** A gate opened: its approvers are told how to decide it (before: a `gate-opened` notice). */
export function noticeGateWaiting(run: CutoverRun, gateId: string, message: string): void {
  const ref = gateRef(run, gateId);
  if (!patched(PATCH)) return run.notice('gate-opened', message, ref.roles, { gate: gateId });
  run.notice('waiting', `${sentence(message)} Waiting since ${ref.since}${until(ref.deadline)}.`, ref.roles, { gate: gateId }, ref);
}

/** A manual step, or a manual compensation, waits to be completed: its owner and the cutover lead are told. */
export function noticeCompletionWaiting(run: CutoverRun, stepId: string, instructions: string, deadline: string | null, compensating: boolean): void {
  if (!patched(PATCH)) return;
  const step = run.state.step(stepId);
  const ref: WaitingRef = { kind: 'step', id: stepId, expects: 'completion', since: run.now(), deadline, roles: stepActors(step.owner) };
  const what = `${compensating ? 'Compensation of step' : 'Manual step'} ${stepId}${step.title !== stepId ? ` (${step.title})` : ''}`;
  run.notice('waiting', `${what} waits to be completed: ${sentence(instructions)} Waiting since ${ref.since}${until(deadline)}.`, ref.roles, { step: stepId }, ref);
}

/** A failed step (or compensation) waits for retry / skip (/ rollback): its owner and the cutover lead are told. */
export function noticeAnswerWaiting(run: CutoverRun, stepId: string, owner: string | undefined, expects: 'retry-skip' | 'retry-skip-rollback', message: string): void {
  if (!patched(PATCH)) return run.notice('escalation', message, owner ? [owner] : [], { step: stepId });
  const ref: WaitingRef = { kind: 'step', id: stepId, expects, since: run.now(), deadline: null, roles: stepActors(owner) };
  run.notice('waiting', `${sentence(message)} Waiting since ${ref.since}.`, ref.roles, { step: stepId }, ref);
}

/** The roles an escalation goes to: the block's own `escalateTo`, else the plan's default, else none. */
function escalationRoles(run: CutoverRun, declared: readonly string[] | undefined): readonly string[] | undefined {
  return declared ?? run.plan.settings.escalateTo;
}

/** Who was waited on, by name where the roster knows them: `cutover-lead (Dana)`. */
function awaited(run: CutoverRun, roles: readonly string[]): string {
  return roles.map((role) => {
    const names = run.roster([role]).map((person) => person.name);
    return names.length ? `${role} (${names.join(', ')})` : role;
  }).join(', ');
}

/** A gate undecided past its timeout: tell `escalateTo` (else its approvers) and record it. */
export function noticeGateEscalated(run: CutoverRun, gateId: string, message: string, escalateTo: readonly string[] | undefined): void {
  const ref = gateRef(run, gateId);
  if (!patched(PATCH)) return run.notice('escalation', message, ref.roles, { gate: gateId });
  const roles = [...(escalationRoles(run, escalateTo) ?? ref.roles)];
  run.state.recordEscalation({ kind: 'gate', id: gateId }, roles, message, AUTO, run.now());
  run.changed();
  run.notice('escalation', `${message}; waiting since ${ref.since} for ${awaited(run, ref.roles)}.`, roles, { gate: gateId }, ref);
}

/** A manual step not done past its timeout: tell `escalateTo` (else its owner) and record it. */
export function noticeStepEscalated(run: CutoverRun, stepId: string, message: string, since: string | null): void {
  const step = run.state.step(stepId) as StepStatus;
  const ownerOnly = step.owner ? [step.owner] : [];
  if (!patched(PATCH)) {
    run.state.markEscalated(stepId);
    return run.notice('escalation', message, ownerOnly, { step: stepId });
  }
  const roles = [...(escalationRoles(run, run.planStep(stepId)?.escalateTo) ?? ownerOnly)];
  const ref: WaitingRef = { kind: 'step', id: stepId, expects: 'completion', since: since ?? run.now(), deadline: null, roles: stepActors(step.owner) };
  run.state.recordEscalation({ kind: 'step', id: stepId }, roles, message, AUTO, run.now());
  run.changed();
  run.notice('escalation', `${message}; waiting since ${ref.since} for ${awaited(run, ref.roles)}.`, roles, { step: stepId }, ref);
}
