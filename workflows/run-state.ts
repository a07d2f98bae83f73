/**
 * The record of one cutover run, kept as the status document. Pure (no Temporal imports): the
 * workflow passes in the current time, so this is unit-testable and deterministic. The cutover
 * state is derived from the record (rolling back, paused, someone must decide, or running).
 */
import type { Plan, Step } from '../plan/schema';
import type { CutoverInput } from './cutover-input';
import type {
  ActionRecord,
  CutoverState,
  DecisionRecord,
  FailureInfo,
  GateStatus,
  IssueRecord,
  PhaseStatus,
  StatusDocument,
  StepStatus,
} from './status-document';

type Actor = Pick<ActionRecord, 'operator' | 'roles' | 'source'>;

export class RunState {
  readonly doc: StatusDocument;
  private readonly stepIndex = new Map<string, StepStatus>();
  private readonly phaseIndex = new Map<string, PhaseStatus>();
  /** Failed steps whose plan says `onFailure: continue`: their dependents may run. */
  private readonly continued = new Set<string>();
  private finalState: CutoverState | null = null;
  private seq = 0;

  constructor(id: string, input: CutoverInput, now: string) {
    const plan: Plan = input.plan;
    this.doc = {
      id,
      name: plan.name,
      mode: input.mode,
      state: 'running',
      phase: null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
      phases: plan.phases.map((phase) => ({ id: phase.id, title: phase.title ?? phase.id, state: 'pending', startedAt: null, endedAt: null })),
      steps: [
        ...plan.phases.flatMap((phase) => phase.steps.map((step) => newStepStatus(phase.id, step))),
        ...(plan.rollback?.steps ?? []).map((step) => newStepStatus('rollback', step)),
      ],
      paused: false,
      gates: [],
      decisions: [],
      actions: [],
      rejected: [],
      issues: [],
      rollback: null,
      error: null,
    };
    for (const step of this.doc.steps) this.stepIndex.set(step.id, step);
    for (const phase of this.doc.phases) this.phaseIndex.set(phase.id, phase);
  }

  hasStep(id: string): boolean {
    return this.stepIndex.has(id);
  }

  step(id: string): StepStatus {
    const step = this.stepIndex.get(id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  phase(id: string): PhaseStatus {
    const phase = this.phaseIndex.get(id);
    if (!phase) throw new Error(`unknown phase ${id}`);
    return phase;
  }

  gate(id: string): GateStatus | undefined {
    return this.doc.gates.find((gate) => gate.id === id);
  }

  get finished(): boolean {
    return this.finalState !== null;
  }

  get rollingBack(): boolean {
    return this.doc.rollback !== null;
  }

  // --- phases and steps -------------------------------------------------------------------

  startPhase(id: string, now: string): void {
    Object.assign(this.phase(id), { state: 'running', startedAt: now });
    this.doc.phase = id;
    this.touch(now);
  }

  endPhase(id: string, state: PhaseStatus['state'], now: string): void {
    Object.assign(this.phase(id), { state, endedAt: now });
    this.touch(now);
  }

  updateStep(id: string, change: Partial<StepStatus>, now: string): StepStatus {
    const step = Object.assign(this.step(id), change);
    this.touch(now);
    return step;
  }

  continueAfterFailure(id: string): void {
    this.continued.add(id);
  }

  /** A dependency is satisfied once it succeeded, was skipped, or failed with `onFailure: continue`. */
  satisfied(id: string): boolean {
    const state = this.step(id).state;
    return state === 'succeeded' || state === 'skipped' || (state === 'failed' && this.continued.has(id));
  }

  /** Steps that may start now: pending, with every dependency satisfied. */
  readySteps(steps: readonly Step[]): Step[] {
    return steps.filter((step) => this.step(step.id).state === 'pending' && step.dependsOn.every((dep) => this.satisfied(dep)));
  }

  // --- gates, decisions, actions, issues -----------------------------------------------------

  addGate(gate: GateStatus, now: string): GateStatus {
    this.doc.gates.push(gate);
    this.touch(now);
    return gate;
  }

  recordDecision(entry: Omit<DecisionRecord, 'seq'>, now: string): DecisionRecord {
    const record = { seq: ++this.seq, ...entry };
    this.doc.decisions.push(record);
    this.touch(now);
    return record;
  }

  recordAction(action: string, target: string | null, reason: string, actor: Actor, now: string): void {
    this.doc.actions.push({ seq: ++this.seq, action, target, reason, ...actor, at: now });
    this.touch(now);
  }

  recordRejected(message: string, code: string, reason: string, payload: unknown, now: string): void {
    this.doc.rejected.push({ message, code, reason, payload, at: now });
    this.touch(now);
  }

  addIssue(issue: Omit<IssueRecord, 'id'>, now: string): IssueRecord {
    const record = { id: `ISS-${this.doc.issues.length + 1}`, ...issue };
    this.doc.issues.push(record);
    this.touch(now);
    return record;
  }

  issue(id: string): IssueRecord | undefined {
    return this.doc.issues.find((issue) => issue.id === id);
  }

  // --- the cutover as a whole ----------------------------------------------------------------

  setPaused(paused: boolean, now: string): void {
    this.doc.paused = paused;
    this.touch(now);
  }

  startRollback(reason: string, requestedBy: string, now: string): void {
    this.doc.rollback = { reason, requestedBy, startedAt: now, endedAt: null };
    this.doc.paused = false;
    this.touch(now);
  }

  finish(state: CutoverState, now: string, error: FailureInfo | null = null): void {
    this.finalState = state;
    if (this.doc.rollback) this.doc.rollback.endedAt = now;
    this.doc.endedAt = now;
    this.doc.error = error;
    this.doc.phase = null;
    this.touch(now);
  }

  private derivedState(): CutoverState {
    if (this.finalState) return this.finalState;
    if (this.doc.rollback) return 'rolling-back';
    if (this.doc.paused) return 'paused';
    const waiting =
      this.doc.gates.some((gate) => gate.state === 'open') ||
      this.doc.steps.some((step) => step.state === 'awaiting-operator' || step.state === 'compensation-failed');
    return waiting ? 'awaiting-decision' : 'running';
  }

  /** Re-derives the cutover state after changes made directly to gates or steps. */
  refresh(now: string): void {
    this.touch(now);
  }

  private touch(now: string): void {
    this.doc.updatedAt = now;
    this.doc.state = this.derivedState();
  }
}

function newStepStatus(phase: string, step: Step): StepStatus {
  return {
    id: step.id,
    phase,
    title: step.title ?? step.id,
    kind: step.kind,
    owner: step.owner ?? null,
    priority: step.priority,
    dependsOn: step.dependsOn,
    state: 'pending',
    attempts: 0,
    startedAt: null,
    endedAt: null,
    result: null,
    error: null,
    awaiting: null,
    completion: null,
    compensation: null,
    runs: 0,
  };
}
