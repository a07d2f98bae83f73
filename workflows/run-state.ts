/**
 * The run aggregate: the one owner of a cutover's record (the status document). Gates, issues,
 * rollback, controls and step execution change the record only through these intention-named
 * methods; they read it through the readonly views below. Derived values (the cutover state,
 * step counts, who is waited for) are kept per change, never by scanning every step. Pure (no
 * Temporal imports): the workflow passes in the time, so it is deterministic and unit-testable,
 * and it serialises (snapshot / restore) so a run can continue as new.
 */
import { procedureSteps, sectionPhase, type ProcedureSection } from '../plan/procedures';
import type { Plan, Step } from '../plan/schema';
import type { CutoverInput, RehearsalScriptEntry } from './cutover-input';
import type { IssueRuleFlags, RunSnapshot } from './run-snapshot';
import type {
  ActionRecord,
  Comms,
  CompensationStatus,
  CutoverState,
  DecisionRecord,
  FailureInfo,
  GateStatus,
  RollbackStage,
  IssueRecord,
  ScriptEntryStatus,
  PhaseStatus,
  RehearsalNotice,
  StatusDocument,
  StepStatus,
  WatchEvaluation,
  WatchStatus,
} from './status-document';
import { issueTextChars } from './record-limits';
import { reportDecision, reportStepChange } from './run-metrics';
import { StepTally } from './step-tally';
import { speedUpOf } from './time-scale';

export type Actor = Pick<ActionRecord, 'operator' | 'roles' | 'source' | 'verified'>;
export type StepAnswer = 'retry' | 'skip' | 'rollback';
type Awaiting = NonNullable<StepStatus['awaiting']>;
/** A phase's next checkpoint: its number, when it is due, and whether its verdict was acted on. */
export type CheckpointClock = RunSnapshot['checkpointClock'][number][1];
/** An open issue's rollback-criterion timer: when it is due, and whether its firing was acted on. */
export type IssueAge = NonNullable<RunSnapshot['issueAges']>[number][1];

/** A value the caller may read but not change: changes go through RunState's methods. */
export type Frozen<T> = T extends (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

/** Rejected signals kept in the record; older ones are only counted. */
export const REJECTED_KEPT = 50;
/** A rejected signal's payload is kept as at most this many characters of JSON. */
const REJECTED_PAYLOAD_CHARS = 1000;
/** Notices a rehearsal kept from the roster, newest kept in the record; older ones are only counted. */
const REHEARSAL_NOTICES_KEPT = 50;
/** Step result summaries longer than this are cut (results travel in snapshots and queries). */
const SUMMARY_CHARS = 2000;

export class RunState {
  private readonly doc: StatusDocument;
  private readonly stepIndex = new Map<string, StepStatus>();
  private readonly phaseIndex = new Map<string, PhaseStatus>();
  private readonly gateIndex = new Map<string, GateStatus>();
  private readonly issueIndex = new Map<string, IssueRecord>();
  private readonly tally = new StepTally();
  private openGates = 0;
  /** Failed steps whose plan says `onFailure: continue`: their dependents may run. */
  private readonly continued = new Set<string>();
  /** Operator answers (retry / skip / rollback) not yet taken by the step waiting for them. */
  private readonly answers = new Map<string, StepAnswer>();
  /** Manual steps already escalated past their timeout (escalate once, also across runs). */
  private readonly escalatedSteps = new Set<string>();
  /** Per phase with checkpoints: the next checkpoint's number and when it is due. */
  private readonly checkpointClock = new Map<string, CheckpointClock>();
  /** Per issue at or above the rollback criterion's severity: its age timer. */
  private readonly issueAges = new Map<string, IssueAge>();
  /** Issue rules decided when the cutover started (carried from run to run). */
  readonly rules: IssueRuleFlags;
  private finalState: CutoverState | null = null;
  private seq = 0;
  private rejectedTotal = 0;
  /** Actions recorded, by `action` and by `action` + target (record limits read them). */
  private readonly actionCounts = new Map<string, number>();
  private issueTextTotal = 0;

  /**
   * `everyWaitIsADecision`: a manual step waiting for completion makes the cutover
   * `awaiting-decision` too (runs recorded before counted only failed steps' questions).
   */
  constructor(
    id: string,
    input: CutoverInput,
    now: string,
    snapshot?: RunSnapshot,
    private readonly options: { everyWaitIsADecision?: boolean; rules?: IssueRuleFlags; comms?: Comms } = {},
  ) {
    this.rules = snapshot?.rules ?? options.rules ?? { issueRules: false, issueAgeTimers: false };
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
        ...procedureSteps(plan).map(({ section, step }) => newStepStatus(sectionPhase(section), step, section)),
      ],
      paused: false,
      gates: [],
      decisions: [],
      actions: [],
      rejected: [],
      issues: [],
      rollback: null,
      error: null,
      ...(input.params ? { params: input.params } : {}),
      // Runs started before rehearsal mode have no comms: their notices went to the roster.
      ...(options.comms ? { comms: options.comms, timeScale: speedUpOf(input.timeScale) } : {}),
      ...(input.rehearsalOf ? { rehearsalOf: input.rehearsalOf } : {}),
      ...(input.script ? { script: input.script.map(scriptEntryStatusOf) } : {}),
    };
    if (snapshot) this.restore(snapshot);
    else if (input.rehearsalOverride) {
      // Who started it (the API's token, so proven) went ahead without the rehearsal the plan requires.
      const { operator, reason, roles = [], source = 'api' } = input.rehearsalOverride;
      this.doc.actions.push({ seq: ++this.seq, action: 'override-rehearsal', target: null, reason, operator, roles, source, verified: true, at: now });
    }
    for (const step of this.doc.steps) {
      this.stepIndex.set(step.id, step);
      this.tally.add(step);
    }
    for (const phase of this.doc.phases) this.phaseIndex.set(phase.id, phase);
    for (const gate of this.doc.gates) this.indexGate(gate);
    for (const issue of this.doc.issues) this.indexIssue(issue);
    for (const action of this.doc.actions) this.countAction(action.action, action.target);
    this.derive();
  }

  // --- reading -----------------------------------------------------------------------------

  get id(): string {
    return this.doc.id;
  }

  get state(): CutoverState {
    return this.doc.state;
  }

  get paused(): boolean {
    return this.doc.paused;
  }

  get currentPhase(): string | null {
    return this.doc.phase;
  }

  get finished(): boolean {
    return this.finalState !== null;
  }

  get rollingBack(): boolean {
    return this.doc.rollback !== null;
  }

  /** The whole record, for views (status query, summaries). Never changed through this. */
  get document(): Frozen<StatusDocument> {
    return this.doc;
  }

  get steps(): StepTally {
    return this.tally;
  }

  get rejectedCount(): number {
    return this.rejectedTotal;
  }

  hasStep(id: string): boolean {
    return this.stepIndex.has(id);
  }

  step(id: string): Frozen<StepStatus> {
    return this.mutableStep(id);
  }

  phase(id: string): Frozen<PhaseStatus> {
    const phase = this.phaseIndex.get(id);
    if (!phase) throw new Error(`unknown phase ${id}`);
    return phase;
  }

  gate(id: string): Frozen<GateStatus> | undefined {
    return this.gateIndex.get(id);
  }

  /** Gates of a phase of one kind, in the order they were added. */
  gatesOf(phaseId: string, kind: GateStatus['kind']): Frozen<GateStatus>[] {
    return this.doc.gates.filter((gate) => gate.phase === phaseId && gate.kind === kind);
  }

  openGateIds(): string[] {
    return this.openGates === 0 ? [] : this.doc.gates.filter((gate) => gate.state === 'open').map((gate) => gate.id);
  }

  issue(id: string): Frozen<IssueRecord> | undefined {
    return this.issueIndex.get(id);
  }

  get issues(): Frozen<IssueRecord[]> {
    return this.doc.issues;
  }

  /** The newest decision that closed `gateId` (who decided a checkpoint acts on it). */
  lastDecisionOn(gateId: string): Frozen<DecisionRecord> | undefined {
    for (let i = this.doc.decisions.length - 1; i >= 0; i--) if (this.doc.decisions[i].gate === gateId) return this.doc.decisions[i];
    return undefined;
  }

  /** A dependency is satisfied once it succeeded, was skipped, or failed with `onFailure: continue`. */
  satisfied(id: string): boolean {
    const state = this.mutableStep(id).state;
    return state === 'succeeded' || state === 'skipped' || (state === 'failed' && this.continued.has(id));
  }

  // --- phases ------------------------------------------------------------------------------

  startPhase(id: string, now: string): void {
    Object.assign(this.mutablePhase(id), { state: 'running', startedAt: now });
    this.doc.phase = id;
    this.touch(now);
  }

  endPhase(id: string, state: PhaseStatus['state'], now: string): void {
    Object.assign(this.mutablePhase(id), { state, endedAt: now });
    this.touch(now);
  }

  // --- steps -------------------------------------------------------------------------------

  /** A run of a step begins (`runNumber` 1, then one more per operator retry). */
  stepStarted(id: string, runNumber: number, awaitingCompletion: boolean, now: string): void {
    this.changeStep(id, { state: 'running', startedAt: now, endedAt: null, error: null, runs: runNumber, ...(awaitingCompletion ? { awaiting: 'completion' as const } : {}) }, now);
  }

  stepSucceeded(id: string, attempts: number, result: { summary: string; data?: Record<string, unknown> }, now: string): void {
    const summary = result.summary.length > SUMMARY_CHARS ? `${result.summary.slice(0, SUMMARY_CHARS)}…` : result.summary;
    this.changeStep(id, { state: 'succeeded', endedAt: now, attempts, result: { ...result, summary }, awaiting: null }, now);
  }

  stepFailed(id: string, attempts: number, error: FailureInfo, now: string): void {
    this.changeStep(id, { state: 'failed', endedAt: now, attempts, error }, now);
  }

  /** Cancelled in flight by a rollback: it may have half-applied, so it is compensated too. */
  stepCancelled(id: string, now: string): void {
    this.changeStep(id, { state: 'failed', endedAt: now, awaiting: null, error: { message: 'cancelled by rollback', type: 'Cancelled', step: id } }, now);
  }

  /** Was this step cancelled in flight by a rollback? */
  wasCancelled(id: string): boolean {
    const step = this.mutableStep(id);
    return step.state === 'failed' && step.error?.type === 'Cancelled';
  }

  continueAfterFailure(id: string): void {
    this.continued.add(id);
  }

  stepSkipped(id: string, now: string, skipReason?: string): void {
    this.changeStep(id, { state: 'skipped', awaiting: null, endedAt: now, ...(skipReason === undefined ? {} : { skipReason }) }, now);
  }

  /** Skipped on an operator's answer: the reason they gave (on record as their `skip` action) goes on the step. */
  stepSkippedByOperator(id: string, now: string): void {
    const action = this.newestAction('skip', id);
    this.stepSkipped(id, now, action ? `skipped by ${action.operator}${action.reason ? `: ${action.reason}` : ''}` : undefined);
  }

  /** Did the forward step succeed (also when a rollback has since compensated it)? */
  forwardSucceeded(id: string): boolean {
    const step = this.mutableStep(id);
    return step.state === 'succeeded' || (step.compensation !== null && step.result !== null);
  }

  /** The step waits for an operator: retry / skip (/ rollback) after a failure. */
  awaitOperator(id: string, state: 'awaiting-operator' | 'compensation-failed', awaiting: Exclude<Awaiting, 'completion'>, now: string): void {
    this.changeStep(id, { state, awaiting }, now);
  }

  /** An operator's retry / skip / rollback for a waiting step, on record and handed to the step. */
  recordAnswer(id: string, answer: StepAnswer, reason: string, actor: Actor, now: string): void {
    this.recordAction(answer, id, reason, actor, now);
    this.answers.set(id, answer);
  }

  hasAnswer(id: string): boolean {
    return this.answers.has(id);
  }

  /** The waiting step takes its answer; it no longer waits. */
  takeAnswer(id: string, now: string): StepAnswer {
    const answer = this.answers.get(id);
    if (!answer) throw new Error(`no answer for step ${id}`);
    this.answers.delete(id);
    this.changeStep(id, { awaiting: null }, now);
    return answer;
  }

  /** A manual step (or a manual compensation) completed by an operator with evidence. */
  completeStep(id: string, evidence: string, actor: Actor, now: string): void {
    this.changeStep(id, { completion: { ...actor, at: now, evidence }, awaiting: null }, now);
    this.recordAction('complete-step', id, evidence, actor, now);
  }

  markEscalated(id: string): void {
    this.escalatedSteps.add(id);
  }

  wasEscalated(id: string): boolean {
    return this.escalatedSteps.has(id);
  }

  compensationStarted(id: string, kind: string, manual: boolean, now: string): void {
    const compensation: CompensationStatus = { kind, state: 'running', attempts: 0, startedAt: now, endedAt: null, error: null };
    // A manual compensation waits for its own completion, not the forward one.
    this.changeStep(id, { state: 'compensating', completion: null, awaiting: manual ? 'completion' : null, compensation }, now);
  }

  compensationEnded(id: string, outcome: { ok: boolean; attempts: number; error?: FailureInfo }, now: string): void {
    const step = this.mutableStep(id);
    Object.assign(step.compensation!, { attempts: outcome.attempts, endedAt: now, state: outcome.ok ? 'succeeded' : 'failed', error: outcome.ok ? null : (outcome.error ?? null) });
    if (outcome.ok) this.changeStep(id, { state: 'compensated', awaiting: null }, now);
    else this.touch(now);
  }

  compensationSkipped(id: string, now: string): void {
    this.mutableStep(id).compensation!.state = 'skipped';
    this.touch(now);
  }

  // --- gates and decisions -------------------------------------------------------------------

  addGate(fields: Pick<GateStatus, 'id' | 'kind' | 'phase' | 'sequence' | 'approverRoles' | 'quorum'> & Partial<GateStatus>, now: string): void {
    const gate: GateStatus = { state: 'pending', openedAt: null, closedAt: null, deadline: null, escalatedAt: null, decision: null, approvals: [], criteria: null, evaluation: null, ...fields };
    this.doc.gates.push(gate);
    this.indexGate(gate);
    this.touch(now);
  }

  openGate(id: string, deadline: string | null, now: string): void {
    const gate = this.mutableGate(id);
    if (gate.state !== 'open') this.openGates += 1;
    Object.assign(gate, { state: 'open', openedAt: now, deadline });
    this.touch(now);
  }

  setCriteria(id: string, criteria: GateStatus['criteria']): void {
    this.mutableGate(id).criteria = criteria;
  }

  escalateGate(id: string, now: string): void {
    this.mutableGate(id).escalatedAt = now;
    this.touch(now);
  }

  /** A gate or manual step left waiting past its timeout was escalated to `roles`: on the record and in the action log. */
  recordEscalation(target: { kind: 'gate' | 'step'; id: string }, roles: readonly string[], reason: string, actor: Actor, now: string): void {
    const record = target.kind === 'gate' ? this.mutableGate(target.id) : this.mutableStep(target.id);
    Object.assign(record, { escalatedAt: now, escalatedTo: [...roles] });
    if (target.kind === 'step') this.escalatedSteps.add(target.id);
    this.recordAction('escalate', target.id, reason, actor, now);
  }

  /** A go that counts toward the quorum without deciding the gate yet. */
  recordApproval(id: string, reason: string, actor: Actor, now: string): void {
    this.mutableGate(id).approvals.push({ ...actor, at: now });
    this.recordDecision({ gate: id, decision: 'go', reason, effect: 'approval', ...actor, at: now }, now);
  }

  /** Closes a gate with a decision, on record; a deciding go also counts as an approval. */
  decideGate(id: string, decision: string, reason: string, actor: Actor, now: string, countsAsApproval = false): void {
    const gate = this.mutableGate(id);
    if (countsAsApproval) gate.approvals.push({ ...actor, at: now });
    if (gate.state === 'open') this.openGates -= 1;
    Object.assign(gate, { state: 'decided', decision, closedAt: now });
    this.recordDecision({ gate: id, decision, reason, effect: 'decided', ...actor, at: now }, now);
  }

  /** Phases with checkpoints remember the next one across continue-as-new. */
  setCheckpointClock(phaseId: string, clock: CheckpointClock): void {
    this.checkpointClock.set(phaseId, clock);
  }

  checkpointClockOf(phaseId: string): CheckpointClock | undefined {
    return this.checkpointClock.get(phaseId);
  }

  // --- watches (in the record, so a new run picks up their schedule and counters) ---------------

  watch(phaseId: string): Frozen<WatchStatus> | undefined {
    return this.doc.watches?.find((w) => w.phase === phaseId);
  }

  /** Watches started and not ended (a new run resumes them). */
  get activeWatches(): Frozen<WatchStatus>[] {
    return (this.doc.watches ?? []).filter((w) => w.state === 'watching');
  }

  startWatch(phaseId: string, until: string, every: string, nextDueAt: string, now: string): void {
    const watch: WatchStatus = { phase: phaseId, until, every, state: 'watching', startedAt: now, endedAt: null, next: 1, nextDueAt, evaluations: [], dropped: 0, counters: {}, pendingGate: null };
    (this.doc.watches ??= []).push(watch);
    this.touch(now);
  }

  /** Records an evaluation (keeping the newest `keep`) with the counters it left and the next due time. */
  recordWatchEvaluation(phaseId: string, evaluation: WatchEvaluation, counters: WatchStatus['counters'], nextDueAt: string, keep: number, now: string): void {
    const watch = this.mutableWatch(phaseId);
    watch.evaluations.push(evaluation);
    const excess = watch.evaluations.length - keep;
    if (excess > 0) {
      watch.evaluations.splice(0, excess);
      watch.dropped += excess;
    }
    Object.assign(watch, { counters, next: evaluation.n + 1, nextDueAt });
    this.touch(now);
  }

  setWatchPendingGate(phaseId: string, gateId: string | null): void {
    this.mutableWatch(phaseId).pendingGate = gateId;
  }

  endWatch(phaseId: string, now: string): void {
    Object.assign(this.mutableWatch(phaseId), { state: 'ended', endedAt: now, pendingGate: null });
    this.touch(now);
  }

  /** A go/no-go gate's criteria became met because `issue` was resolved: on the gate and in the action log. */
  gateUnblocked(gateId: string, issue: string, actor: Actor, now: string): void {
    const gate = this.mutableGate(gateId);
    gate.unblockedBy = [...(gate.unblockedBy ?? []), { issue, ...actor, at: now }];
    this.recordAction('gate-unblocked', gateId, `issue ${issue} resolved by ${actor.operator}: criteria met`, actor, now);
  }

  /** Where notices go (undefined: a run from before rehearsal mode; they go to the roster). */
  get comms(): Comms | undefined {
    return this.doc.comms;
  }

  /** A notice a rehearsal kept from the roster (`sent`: to the test sink), on the record. */
  recordRehearsalNotice(notice: Omit<RehearsalNotice, 'at'>, now: string): void {
    const record = (this.doc.rehearsalNotices ??= { total: 0, recent: [] });
    record.total += 1;
    record.recent.push({ ...notice, at: now });
    if (record.recent.length > REHEARSAL_NOTICES_KEPT) record.recent.splice(0, record.recent.length - REHEARSAL_NOTICES_KEPT);
    this.touch(now);
  }

  // --- actions, rejections, issues -----------------------------------------------------------

  /** The newest `action` on `target` (rare look-ups: a skip's reason). */
  private newestAction(action: string, target: string): Frozen<ActionRecord> | undefined {
    if (this.actionCount(action, target) === 0) return undefined;
    for (let i = this.doc.actions.length - 1; i >= 0; i--) if (this.doc.actions[i].action === action && this.doc.actions[i].target === target) return this.doc.actions[i];
    return undefined;
  }

  recordAction(action: string, target: string | null, reason: string, actor: Actor, now: string): void {
    this.doc.actions.push({ seq: ++this.seq, action, target, reason, ...actor, at: now });
    this.countAction(action, target);
    this.touch(now);
  }

  /** How many `action`s were recorded (on `target`, when given). */
  actionCount(action: string, target?: string): number {
    return this.actionCounts.get(target === undefined ? action : `${action}\u0000${target}`) ?? 0;
  }

  /** Characters of issue text reported so far (record limits). */
  get issueTextChars(): number {
    return this.issueTextTotal;
  }

  private countAction(action: string, target: string | null): void {
    const keys = target === null ? [action] : [action, `${action}\u0000${target}`];
    for (const key of keys) this.actionCounts.set(key, (this.actionCounts.get(key) ?? 0) + 1);
  }

  private indexIssue(issue: IssueRecord): void {
    this.issueIndex.set(issue.id, issue);
    this.issueTextTotal += issueTextChars(issue);
  }

  /** An invalid signal: recorded (bounded, payload cut short), never acted on. */
  recordRejected(message: string, code: string, reason: string, payload: unknown, now: string): void {
    this.rejectedTotal += 1;
    const text = safeJson(payload);
    const kept = text.length > REJECTED_PAYLOAD_CHARS ? `${text.slice(0, REJECTED_PAYLOAD_CHARS)}… (${text.length} characters)` : payload;
    this.doc.rejected.push({ message, code, reason: reason.slice(0, REJECTED_PAYLOAD_CHARS), payload: kept, at: now });
    if (this.doc.rejected.length > REJECTED_KEPT) this.doc.rejected.splice(0, this.doc.rejected.length - REJECTED_KEPT);
    this.touch(now);
  }

  reportIssue(issue: Omit<IssueRecord, 'id'>, now: string): Frozen<IssueRecord> {
    const record = { id: `ISS-${this.doc.issues.length + 1}`, ...issue };
    this.doc.issues.push(record);
    this.indexIssue(record);
    this.touch(now);
    return record;
  }

  setIssueAge(id: string, age: IssueAge): void {
    this.issueAges.set(id, age);
  }

  issueAgeOf(id: string): IssueAge | undefined {
    return this.issueAges.get(id);
  }

  /** Open issues past the rollback criterion's age (their timers fired). */
  openOverdueIssues(): Frozen<IssueRecord>[] {
    return this.doc.issues.filter((issue) => issue.state === 'open' && issue.overdueAt !== undefined);
  }

  /** An open issue crossed the rollback criterion's age. */
  markIssueOverdue(id: string, now: string): void {
    const issue = this.issueIndex.get(id);
    if (!issue) throw new Error(`unknown issue ${id}`);
    issue.overdueAt = now;
    this.touch(now);
  }

  resolveIssue(id: string, resolution: string, resolvedBy: string, now: string): void {
    const issue = this.issueIndex.get(id);
    if (!issue) throw new Error(`unknown issue ${id}`);
    Object.assign(issue, { state: 'resolved', resolvedBy, resolvedAt: now, resolution });
    this.issueTextTotal += resolution.length;
    this.touch(now);
  }

  // --- a rehearsal's script ------------------------------------------------------------------

  /** Entries of the script still to be made (a new run after continue-as-new goes on with these). */
  pendingScript(): Frozen<ScriptEntryStatus>[] {
    return (this.doc.script ?? []).filter((entry) => entry.state === 'pending');
  }

  /** A script entry's time came, but what it names is not there yet (a gate not open, a step not waiting). */
  scriptEntryWaiting(n: number, reason: string, now: string): void {
    this.scriptEntry(n).reason = `waiting: ${reason}`;
    this.touch(now);
  }

  /** A script entry was made, or refused by validation. */
  scriptEntryEnded(n: number, state: 'applied' | 'rejected', now: string, reason?: string): void {
    const entry = this.scriptEntry(n);
    delete entry.reason;
    Object.assign(entry, { state, appliedAt: state === 'applied' ? now : null, ...(reason === undefined ? {} : { reason }) });
    this.touch(now);
  }

  private scriptEntry(n: number): ScriptEntryStatus {
    const entry = this.doc.script?.[n - 1];
    if (!entry) throw new Error(`no script entry ${n}`);
    return entry;
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

  /** The section of the rollback (or contingency) under way; undefined before the first one began. */
  get rollbackStage(): RollbackStage | undefined {
    return this.doc.rollback?.stage;
  }

  enterRollbackStage(stage: RollbackStage, now: string): void {
    if (!this.doc.rollback) throw new Error('no rollback under way');
    this.doc.rollback.stage = stage;
    this.touch(now);
  }

  finish(state: CutoverState, now: string, error: FailureInfo | null = null): void {
    this.finalState = state;
    // A rehearsal's scripted messages still pending were never made: their gate never opened, their time never came.
    for (const entry of this.doc.script ?? []) {
      if (entry.state === 'pending') Object.assign(entry, { state: 'not-applied', reason: `the cutover ended (${state}) first${entry.reason ? `; ${entry.reason}` : ''}` });
    }
    if (this.doc.rollback) this.doc.rollback.endedAt = now;
    this.doc.endedAt = now;
    this.doc.error = error;
    this.doc.phase = null;
    this.touch(now);
  }

  // --- continue-as-new -------------------------------------------------------------------------

  /** Everything a new run needs to go on where this one stopped; plan-given step fields are left out. */
  snapshot(): RunSnapshot {
    const { steps, ...rest } = this.doc;
    return {
      version: 1,
      doc: rest,
      steps: steps.flatMap((step, index) => (isUntouched(step) ? [] : [[index, runtimeFields(step)] as [number, Partial<StepStatus>]])),
      seq: this.seq,
      rejectedTotal: this.rejectedTotal,
      continued: [...this.continued],
      answers: [...this.answers],
      escalatedSteps: [...this.escalatedSteps],
      checkpointClock: [...this.checkpointClock],
      finalState: this.finalState,
      rules: this.rules,
      issueAges: [...this.issueAges],
    };
  }

  private restore(snapshot: RunSnapshot): void {
    const { steps } = this.doc;
    Object.assign(this.doc, snapshot.doc, { steps });
    for (const [index, fields] of snapshot.steps) Object.assign(steps[index], fields);
    this.seq = snapshot.seq;
    this.rejectedTotal = snapshot.rejectedTotal;
    for (const id of snapshot.continued) this.continued.add(id);
    for (const [id, answer] of snapshot.answers) this.answers.set(id, answer);
    for (const id of snapshot.escalatedSteps) this.escalatedSteps.add(id);
    for (const [phase, clock] of snapshot.checkpointClock) this.checkpointClock.set(phase, clock);
    for (const [issue, age] of snapshot.issueAges ?? []) this.issueAges.set(issue, age);
    this.finalState = snapshot.finalState;
  }

  // --- internals -------------------------------------------------------------------------------

  private mutableStep(id: string): StepStatus {
    const step = this.stepIndex.get(id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  private mutablePhase(id: string): PhaseStatus {
    const phase = this.phaseIndex.get(id);
    if (!phase) throw new Error(`unknown phase ${id}`);
    return phase;
  }

  private mutableWatch(phaseId: string): WatchStatus {
    const watch = this.doc.watches?.find((w) => w.phase === phaseId);
    if (!watch) throw new Error(`no watch for phase ${phaseId}`);
    return watch;
  }

  private mutableGate(id: string): GateStatus {
    const gate = this.gateIndex.get(id);
    if (!gate) throw new Error(`unknown gate ${id}`);
    return gate;
  }

  private indexGate(gate: GateStatus): void {
    this.gateIndex.set(gate.id, gate);
    if (gate.state === 'open') this.openGates += 1;
  }

  private changeStep(id: string, change: Partial<StepStatus>, now: string): void {
    const step = this.mutableStep(id);
    const from = step.state;
    Object.assign(step, change);
    reportStepChange(step, from, this.doc.mode);
    this.tally.move(id, from, step.state);
    if ('awaiting' in change) this.tally.setAwaiting(id, step.awaiting);
    this.touch(now);
  }

  private recordDecision(entry: Omit<DecisionRecord, 'seq'>, now: string): void {
    const record = { seq: ++this.seq, ...entry };
    this.doc.decisions.push(record);
    reportDecision(record, this.gate(entry.gate), this.doc.mode);
    this.touch(now);
  }

  private derive(): void {
    this.doc.state = this.finalState ?? (this.doc.rollback ? 'rolling-back' : this.doc.paused ? 'paused' : this.openGates > 0 || this.waitsForPerson() ? 'awaiting-decision' : 'running');
  }

  private waitsForPerson(): boolean {
    return this.options.everyWaitIsADecision ? this.tally.anyAwaitingPerson : this.tally.anyNeedsAnswer;
  }

  private touch(now: string): void {
    this.doc.updatedAt = now;
    this.derive();
  }
}

/** The gate, step or issue a scripted message names. */
function scriptTarget(payload: Record<string, unknown>): string | null {
  const target = payload.gate ?? payload.step ?? payload.issue;
  return typeof target === 'string' ? target : null;
}

function scriptEntryStatusOf(entry: RehearsalScriptEntry, index: number): ScriptEntryStatus {
  const base = { n: index + 1, at: entry.at, message: entry.message, target: scriptTarget(entry.payload), appliedAt: null };
  return entry.unfit === undefined ? { ...base, state: 'pending' } : { ...base, state: 'unfit', reason: entry.unfit };
}

type RuntimeField = 'state' | 'attempts' | 'startedAt' | 'endedAt' | 'result' | 'error' | 'awaiting' | 'completion' | 'compensation' | 'runs' | 'skipReason';

/** What a run changes on a step, as it is before the step ever ran. */
const NOT_RUN: Pick<StepStatus, RuntimeField> = {
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
/** `skipReason` is absent until a step is skipped for a reason. */
const RUNTIME_FIELDS = [...Object.keys(NOT_RUN), 'skipReason'] as RuntimeField[];

function newStepStatus(phase: string, step: Step, section?: ProcedureSection): StepStatus {
  return { id: step.id, phase, title: step.title ?? step.id, kind: step.kind, owner: step.owner ?? null, priority: step.priority, dependsOn: step.dependsOn, ...NOT_RUN, ...(section ? { section } : {}) };
}

/** Fields absent until something happens to the step (so records made before them look the same). */
const OPTIONAL_RUNTIME_FIELDS = ['escalatedAt', 'escalatedTo'] as const;

/** The fields a run changed, without the ones still as they were before it ran. */
function runtimeFields(step: StepStatus): Partial<StepStatus> {
  const out: Record<string, unknown> = {};
  for (const key of RUNTIME_FIELDS) if (step[key] !== NOT_RUN[key]) out[key] = step[key];
  for (const key of OPTIONAL_RUNTIME_FIELDS) if (step[key] !== undefined) out[key] = step[key];
  return out as Partial<StepStatus>;
}

function isUntouched(step: StepStatus): boolean {
  return RUNTIME_FIELDS.every((key) => step[key] === NOT_RUN[key]) && OPTIONAL_RUNTIME_FIELDS.every((key) => step[key] === undefined);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
