/**
 * The mutable record of one cutover run, kept as the status document. Pure (no Temporal
 * imports): the workflow passes in the current time, so this is unit-testable and deterministic.
 */
import type { Plan, Step } from '../plan/schema';
import type { CutoverInput } from './cutover-input';
import type { CutoverState, FailureInfo, PhaseStatus, StatusDocument, StepStatus } from './status-document';

export class RunState {
  readonly doc: StatusDocument;
  private readonly stepIndex = new Map<string, StepStatus>();
  private readonly phaseIndex = new Map<string, PhaseStatus>();

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
      steps: plan.phases.flatMap((phase) => phase.steps.map((step) => newStepStatus(phase.id, step))),
      gates: [],
      decisions: [],
      issues: [],
      error: null,
    };
    for (const step of this.doc.steps) this.stepIndex.set(step.id, step);
    for (const phase of this.doc.phases) this.phaseIndex.set(phase.id, phase);
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

  startPhase(id: string, now: string): void {
    Object.assign(this.phase(id), { state: 'running', startedAt: now });
    this.doc.phase = id;
    this.touch(now);
  }

  endPhase(id: string, state: PhaseStatus['state'], now: string): void {
    Object.assign(this.phase(id), { state, endedAt: now });
    this.touch(now);
  }

  startStep(id: string, now: string): void {
    Object.assign(this.step(id), { state: 'running', startedAt: now, endedAt: null, error: null });
    this.touch(now);
  }

  succeedStep(id: string, now: string, attempts: number, result: unknown): void {
    Object.assign(this.step(id), { state: 'succeeded', endedAt: now, attempts, result: result ?? null });
    this.touch(now);
  }

  failStep(id: string, now: string, error: FailureInfo, attempts: number): void {
    Object.assign(this.step(id), { state: 'failed', endedAt: now, attempts, error });
    this.touch(now);
  }

  finish(state: CutoverState, now: string, error: FailureInfo | null = null): void {
    this.doc.state = state;
    this.doc.endedAt = now;
    this.doc.error = error;
    this.touch(now);
  }

  /** Steps of the phase that may start now: pending, with every dependency succeeded. */
  readySteps(phaseSteps: readonly Step[]): Step[] {
    return phaseSteps.filter(
      (step) => this.step(step.id).state === 'pending' && step.dependsOn.every((dep) => this.step(dep).state === 'succeeded'),
    );
  }

  private touch(now: string): void {
    this.doc.updatedAt = now;
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
  };
}
