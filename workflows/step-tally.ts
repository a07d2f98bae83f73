/**
 * Derived values over the steps of a run, kept up to date one change at a time: counts by
 * state, the steps running now, the steps waiting for an operator. Reading them never scans
 * the plan, so a 20,000-step cutover pays per change what a 5-step one does. Pure.
 */
import { stepStates, type StepState, type StepStatus } from './status-document';

type Awaiting = NonNullable<StepStatus['awaiting']>;

/** Step states in which the cutover needs a person's answer (retry / skip / rollback). */
const NEEDS_ANSWER: ReadonlySet<StepState> = new Set(['awaiting-operator', 'compensation-failed']);

export class StepTally {
  private readonly counts = new Map<StepState, number>(stepStates.map((state) => [state, 0]));
  /** In the order they started; Set keeps insertion order. */
  private readonly running = new Set<string>();
  private readonly awaiting = new Map<string, Awaiting>();
  private needingAnswer = 0;

  /** Counts a step that enters the run (all steps, once, when the run is built or restored). */
  add(step: Pick<StepStatus, 'id' | 'state' | 'awaiting'>): void {
    this.enter(step.id, step.state);
    if (step.awaiting) this.awaiting.set(step.id, step.awaiting);
  }

  /** Moves a step from one state to another (either may be the same). */
  move(id: string, from: StepState, to: StepState): void {
    if (from === to) return;
    this.leave(id, from);
    this.enter(id, to);
  }

  setAwaiting(id: string, awaiting: Awaiting | null): void {
    if (awaiting) this.awaiting.set(id, awaiting);
    else this.awaiting.delete(id);
  }

  count(state: StepState): number {
    return this.counts.get(state) ?? 0;
  }

  /** Counts by state, states with no step left out; in the order of stepStates. */
  byState(): Partial<Record<StepState, number>> {
    const out: Partial<Record<StepState, number>> = {};
    for (const [state, count] of this.counts) if (count > 0) out[state] = count;
    return out;
  }

  runningIds(): string[] {
    return [...this.running];
  }

  /** Steps waiting for a person: `completion` of a manual step or an answer after a failure. */
  awaitingSteps(): { id: string; awaiting: Awaiting }[] {
    return [...this.awaiting].map(([id, awaiting]) => ({ id, awaiting }));
  }

  /** Some step waits for a person: a manual step's completion or an answer after a failure. */
  get anyAwaitingPerson(): boolean {
    return this.awaiting.size > 0;
  }

  /** Some step waits for an operator's answer after a failure. */
  get anyNeedsAnswer(): boolean {
    return this.needingAnswer > 0;
  }

  private enter(id: string, state: StepState): void {
    this.counts.set(state, this.count(state) + 1);
    if (state === 'running') this.running.add(id);
    if (NEEDS_ANSWER.has(state)) this.needingAnswer += 1;
  }

  private leave(id: string, state: StepState): void {
    this.counts.set(state, this.count(state) - 1);
    if (state === 'running') this.running.delete(id);
    if (NEEDS_ANSWER.has(state)) this.needingAnswer -= 1;
  }
}
