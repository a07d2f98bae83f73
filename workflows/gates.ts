/**
 * Decision gates: a go/no-go gate at the start of a phase, and checkpoint gates opened when a
 * checkpoint breaches. A gate is open until decided; the `decide` message is validated here
 * (every rejection has a code) and applied here, whether it came as an update or a signal.
 * The gate's record lives in the run aggregate; a gate found open or decided there (after a
 * continue-as-new) is picked up where it was.
 */
import { condition } from '@temporalio/workflow';
import type { Gate, Phase } from '../plan/schema';
import { atOrAbove } from '../plan/severity';
import { AUTO, type Actor, type CutoverRun } from './cutover-run';
import { checkpointDecisions, decidePayload, goNoGoDecisions } from './message-schemas';
import { parsePayload } from './payload';
import { actorOf } from './provenance';
import { reject } from './rejections';
import { hasRole } from './roles';
import type { GateStatus } from './status-document';
import { gateAck } from './status-views';
import type { Applied } from './handlers';
import { noticeGateEscalated, noticeGateWaiting } from './waiting-notices';

export type ParsedDecision = ReturnType<typeof validateDecision>;

function goNoGoOf(run: CutoverRun, gateId: string): Gate | undefined {
  return run.plan.phases.find((phase) => phase.gate?.id === gateId)?.gate;
}

/** Go/no-go criteria as of now: named steps succeeded, no open issue at or above a severity. */
export function evaluateCriteria(run: CutoverRun, gate: Gate): { met: boolean; unmet: string[] } {
  const unmet: string[] = [];
  for (const stepId of gate.criteria?.stepsSucceeded ?? []) {
    const state = run.state.step(stepId).state;
    if (state !== 'succeeded') unmet.push(`step ${stepId} is ${state}, not succeeded`);
  }
  const threshold = gate.criteria?.noOpenIssuesAtOrAbove;
  if (threshold) {
    for (const issue of run.state.issues) {
      if (issue.state === 'open' && atOrAbove(issue.severity, threshold)) {
        unmet.push(`issue ${issue.id} (${issue.severity}) is open: ${issue.summary}`);
      }
    }
  }
  return { met: unmet.length === 0, unmet };
}

/**
 * Keeps the criteria of open go/no-go gates current (issues come and go while a gate is open);
 * returns the gates whose criteria this change turned from unmet to met.
 */
export function refreshOpenGateCriteria(run: CutoverRun): string[] {
  const nowMet: string[] = [];
  for (const id of run.state.openGateIds()) {
    const gate = run.state.gate(id)!.kind === 'go-no-go' ? goNoGoOf(run, id) : undefined;
    if (!gate) continue;
    const before = run.state.gate(id)!.criteria;
    const criteria = evaluateCriteria(run, gate);
    run.state.setCriteria(id, criteria);
    if (before && !before.met && criteria.met) nowMet.push(id);
  }
  return nowMet;
}

export function newGate(run: CutoverRun, fields: Pick<GateStatus, 'id' | 'kind' | 'phase' | 'sequence' | 'approverRoles' | 'quorum'> & Partial<GateStatus>): string {
  run.state.addGate(fields, run.now());
  return fields.id;
}

export function openGate(run: CutoverRun, gateId: string, timeoutMs: number | null, message: string): void {
  run.state.openGate(gateId, timeoutMs === null ? null : new Date(Date.now() + timeoutMs).toISOString(), run.now());
  run.changed();
  noticeGateWaiting(run, gateId, message);
}

/** Closes a gate with a decision and puts it on record. */
export function decideGate(run: CutoverRun, gateId: string, decision: string, actor: Actor, reason: string, countsAsApproval = false): void {
  run.state.decideGate(gateId, decision, reason, actor, run.now(), countsAsApproval);
  run.changed();
  run.notice('decision', `Gate ${gateId}: ${decision} (${actor.operator}${reason ? `: ${reason}` : ''})`, [], { gate: gateId, decision });
}

/** Waits for a decision; past `timeoutMs`, runs `onTimeout` once and, if the gate is still open, keeps waiting. */
export async function awaitDecision(run: CutoverRun, gateId: string, timeoutMs: number | null, onTimeout: () => void): Promise<string> {
  const decided = () => run.state.gate(gateId)!.state === 'decided';
  if (timeoutMs !== null && !(await condition(decided, timeoutMs, { summary: `gate ${gateId} timeout` }))) onTimeout();
  await condition(decided);
  return run.state.gate(gateId)!.decision!;
}

/** Who made a gate's latest decision (golive itself when nobody did). */
export function decisionActor(run: CutoverRun, gateId: string): Actor {
  const record = run.state.lastDecisionOn(gateId);
  return record ? { operator: record.operator, roles: [...record.roles], source: record.source, verified: record.verified } : AUTO;
}

/** An undecided gate past its timeout: escalated to `escalateTo` (the plan's), else to its approvers. */
export function escalate(run: CutoverRun, gateId: string, message: string, escalateTo?: readonly string[]): void {
  run.state.escalateGate(gateId, run.now());
  run.changed();
  noticeGateEscalated(run, gateId, message, escalateTo);
}

/** How long an open gate found after a continue-as-new still has before its timeout (null: none left to run). */
export function remainingTimeout(run: CutoverRun, gateId: string): number | null {
  const gate = run.state.gate(gateId)!;
  return gate.deadline && !gate.escalatedAt ? run.until(gate.deadline) : null;
}

/** The go/no-go review before a phase: returns the decision, human or by timeout. */
export async function runGoNoGoGate(run: CutoverRun, phase: Phase, gate: Gate): Promise<'go' | 'no-go'> {
  const existing = run.state.gate(gate.id);
  if (existing?.state === 'decided') return existing.decision === 'go' ? 'go' : 'no-go';
  let timeoutMs: number | null;
  if (existing) {
    timeoutMs = remainingTimeout(run, gate.id);
  } else {
    newGate(run, { id: gate.id, kind: 'go-no-go', phase: phase.id, sequence: null, approverRoles: gate.approvers.roles, quorum: gate.approvers.quorum });
    run.state.setCriteria(gate.id, evaluateCriteria(run, gate));
    timeoutMs = gate.timeout ? run.scaled(gate.timeout) : null;
    openGate(run, gate.id, timeoutMs, `Go/no-go ${gate.id} is open for ${phase.id}: ${gate.approvers.quorum} of ${gate.approvers.roles.join(', ')} to decide`);
  }
  const decision = await awaitDecision(run, gate.id, timeoutMs, () => {
    if (gate.onTimeout === 'escalate') return escalate(run, gate.id, `Go/no-go ${gate.id} is undecided after ${gate.timeout}`, gate.escalateTo);
    // An automatic go still needs its criteria: a timeout must not wave through an open critical issue.
    const criteria = evaluateCriteria(run, gate);
    // Nor an issue past the rollback criterion's age (runs with issue-age timers).
    for (const issue of run.state.openOverdueIssues()) criteria.unmet.push(`issue ${issue.id} (${issue.severity}) is past the rollback criterion's age`);
    criteria.met = criteria.unmet.length === 0;
    const automatic = gate.onTimeout === 'go' && criteria.met ? 'go' : 'no-go';
    const why = gate.onTimeout === 'go' && !criteria.met ? `; criteria not met: ${criteria.unmet.join('; ')}` : '';
    decideGate(run, gate.id, automatic, AUTO, `no decision within ${gate.timeout} (onTimeout: ${gate.onTimeout})${why}`);
  });
  return decision === 'go' ? 'go' : 'no-go';
}

/** The `decide` validator: throws a Rejection (nothing changes) or returns the parsed payload. */
export function validateDecision(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(decidePayload, raw);
  const gate = run.state.gate(payload.gate);
  const planned = goNoGoOf(run, payload.gate);
  if (!gate && !planned) reject('unknown-gate', `no gate ${payload.gate} in this cutover`);
  const kind = gate?.kind ?? 'go-no-go';
  const valid: readonly string[] = kind === 'go-no-go' ? goNoGoDecisions : checkpointDecisions;
  if (!valid.includes(payload.decision)) {
    reject('invalid-decision', `a ${kind} gate takes ${valid.join(' / ')}, not ${payload.decision}`);
  }
  // Who may decide is answered before the gate's or the cutover's state.
  const approverRoles = gate?.approverRoles ?? planned!.approvers.roles;
  if (!hasRole(payload.roles, approverRoles)) {
    reject('role-not-allowed', `${payload.operator} (roles: ${payload.roles.join(', ') || 'none'}) may not decide ${payload.gate}; approvers: ${approverRoles.join(', ')}`);
  }
  run.refuseWhenFinished();
  if (!gate) reject('gate-not-open', `gate ${payload.gate} has not opened yet`);
  if (gate.state !== 'open') reject('gate-not-open', `gate ${gate.id} is ${gate.state}, not open`);
  if (gate.approvals.some((approval) => approval.operator === payload.operator)) {
    reject('already-counted', `${payload.operator} has already approved ${gate.id}; the quorum needs distinct operators`);
  }
  const plan = goNoGoOf(run, gate.id);
  if (payload.decision === 'go' && plan) {
    const criteria = evaluateCriteria(run, plan);
    if (!criteria.met) reject('criteria-not-met', `go is not possible yet: ${criteria.unmet.join('; ')}`);
  }
  return payload;
}

/** Applies a validated decision: a go counts toward the quorum; anything else decides at once. */
export function applyDecision(run: CutoverRun, decision: ParsedDecision, verified: boolean): Applied {
  const gate = run.state.gate(decision.gate)!;
  const actor = actorOf(decision, verified);
  if (decision.decision === 'go' && gate.approvals.length + 1 < gate.quorum) {
    run.state.recordApproval(gate.id, decision.reason, actor, run.now());
    run.changed();
    return { target: gate.id, effect: 'approval', extra: { gate: gateAck(run.state, gate.id) } };
  }
  decideGate(run, gate.id, decision.decision, actor, decision.reason, decision.decision === 'go');
  return { target: gate.id, effect: 'decided', extra: { gate: gateAck(run.state, gate.id) }, settled: effectOf(run, decision.decision) };
}

/** A checkpoint's rollback or pause is acted on by the checkpoint itself, right after the decision. */
function effectOf(run: CutoverRun, decision: string): (() => boolean) | undefined {
  const { state } = run;
  if (decision === 'rollback') return () => state.rollingBack || state.finished;
  if (decision === 'pause') return () => state.paused || state.rollingBack || state.finished;
  return undefined;
}
