/**
 * The status document: what the `status` query and `GET /api/v1/cutovers/:id` return.
 * Written as zod schemas so the API, CLI and console share one definition; the workflow
 * only uses the inferred types. Keep it extensible: add fields, never repurpose them.
 */
import { z } from 'zod';
import { paramValue } from '../plan/params';
import { procedureSections } from '../plan/procedures';

export const cutoverStates = ['running', 'awaiting-decision', 'paused', 'rolling-back', 'rolled-back', 'completed', 'no-go', 'failed'] as const;
export const stepStates = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'awaiting-operator',
  'compensating',
  'compensated',
  'compensation-failed',
] as const;
export const phaseStates = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const;
/** Where a rollback (or a no-go's contingency) stands: the section under way, in the order they run. */
export const rollbackStages = ['contingency', 'rollback-first', 'compensations', 'rollback-then', 'done'] as const;

export const cutoverState = z.enum(cutoverStates);
export const stepState = z.enum(stepStates);
export const cutoverMode = z.enum(['live', 'rehearsal']);
/** Notices: none sent (only recorded), to the test sink only, or to the roster. */
export const comms = z.enum(['off', 'test', 'on']);

const timestamp = z.string(); // ISO-8601, workflow time
const failureInfo = z.object({ message: z.string(), type: z.string().optional(), step: z.string().optional() });

const actorRecord = {
  operator: z.string(),
  roles: z.array(z.string()),
  /** `rehearsal-script`: made by a rehearsal re-enacting a recorded cutover (the recorded operator's name and roles). */
  source: z.enum(['api', 'temporal-ui', 'cli', 'auto', 'rehearsal-script']),
  /**
   * true: proven (an attested API / CLI message, or golive itself); false: a name typed in the
   * Temporal UI, or a message from before attestation. Absent in records made before it existed.
   */
  verified: z.boolean().optional(),
  at: timestamp,
};

/**
 * What a step is waiting for: a manual step its completion; a failed step an answer
 * (retry / skip / rollback); a failed compensation or rollback step retry / skip.
 */
export const awaitingAnswers = z.enum(['completion', 'retry-skip-rollback', 'retry-skip']);

export const compensationStatus = z.object({
  kind: z.string(),
  state: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  attempts: z.number().int(),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  error: failureInfo.nullable(),
});

export const stepStatus = z.object({
  id: z.string(),
  phase: z.string(),
  title: z.string(),
  kind: z.string(),
  owner: z.string().nullable(),
  priority: z.string(),
  dependsOn: z.array(z.string()),
  state: stepState,
  attempts: z.number().int(),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  result: z.unknown().nullable(),
  error: failureInfo.nullable(),
  /** Set while the step waits for an operator. */
  awaiting: awaitingAnswers.nullable(),
  /** Manual steps: who completed it and the evidence they gave. */
  completion: z.object({ ...actorRecord, evidence: z.string() }).nullable(),
  compensation: compensationStatus.nullable(),
  /** Runs of this step: 1, then one more per operator `retry`. */
  runs: z.number().int(),
  /** Procedure steps only: contingency, rollback-first (before compensations) or rollback-then (after). */
  section: z.enum(procedureSections).optional(),
  /** Why a skipped step was skipped: its `when` was false, or an operator's reason. */
  skipReason: z.string().optional(),
  /** A manual step still not done after its `timeout`: when it was escalated, and to which roles. */
  escalatedAt: timestamp.nullable().optional(),
  escalatedTo: z.array(z.string()).optional(),
});

export const approval = z.object(actorRecord);

export const gateStatus = z.object({
  id: z.string(),
  /** `issue-age`: an open issue crossed the rollback criterion's age (rollbackCriteria.unresolvedIssue, action decide). */
  kind: z.enum(['go-no-go', 'checkpoint', 'issue-age']),
  phase: z.string(),
  /** Checkpoints: 1, 2, 3… within their phase. */
  sequence: z.number().int().nullable(),
  state: z.enum(['pending', 'open', 'decided']),
  openedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  /** When an open gate times out (go/no-go `timeout`) or escalates (checkpoint `decideTimeout`). */
  deadline: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  /** The roles the escalation went to (the plan's `escalateTo`, else the approvers). */
  escalatedTo: z.array(z.string()).optional(),
  decision: z.string().nullable(),
  approverRoles: z.array(z.string()),
  quorum: z.number().int(),
  approvals: z.array(approval),
  /** Go/no-go criteria, re-evaluated whenever something changes while the gate is open. */
  criteria: z.object({ met: z.boolean(), unmet: z.array(z.string()) }).nullable(),
  /** Checkpoints: every metric's value, threshold and verdict. */
  evaluation: z.object({ evaluations: z.array(z.unknown()), breached: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  /** Go/no-go: the resolutions that made the criteria met (an issue resolved while the gate was open), and who resolved them. */
  unblockedBy: z.array(z.object({ issue: z.string(), ...actorRecord })).optional(),
});

/** The audit log of gate decisions, human or automatic. */
export const decisionRecord = z.object({
  seq: z.number().int(),
  gate: z.string(),
  decision: z.string(),
  reason: z.string(),
  /** `approval` when it counted toward a quorum without deciding the gate yet. */
  effect: z.enum(['decided', 'approval']),
  ...actorRecord,
});

/** Other operator actions: pause, resume, rollback, manual completions, answers to failed steps, issues; and golive's escalations (`escalate`). */
export const actionRecord = z.object({
  seq: z.number().int(),
  action: z.string(),
  target: z.string().nullable(),
  reason: z.string(),
  ...actorRecord,
});

/** A signal that failed validation: recorded, never acted on. */
export const rejectedMessage = z.object({ message: z.string(), code: z.string(), reason: z.string(), payload: z.unknown(), at: timestamp });

export const issueRecord = z.object({
  id: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  summary: z.string(),
  details: z.string(),
  callTime: z.string().nullable(),
  callerAni: z.string().nullable(),
  csrUsername: z.string().nullable(),
  screenshots: z.array(z.string()),
  state: z.enum(['open', 'resolved']),
  reportedBy: z.string(),
  reportedAt: timestamp,
  source: z.string(),
  /** Whether the reporter's name was proven (see the actor records). */
  verified: z.boolean().optional(),
  resolvedBy: z.string().nullable(),
  resolvedAt: timestamp.nullable(),
  resolution: z.string().nullable(),
  /** The role that owns the issue (resolves it with the reporter and the cutover lead); present when named. */
  owner: z.string().optional(),
  /** The plan step the issue is about; present when named. */
  step: z.string().optional(),
  /** When the issue crossed the rollback criterion's age (rollbackCriteria.unresolvedIssue) while open. */
  overdueAt: timestamp.optional(),
});

/** Something the cutover waits for: an open gate or a step waiting for a person. */
export const waitingItem = z.object({
  kind: z.enum(['gate', 'step']),
  id: z.string(),
  /** What is expected: `decide go/no-go`, `complete`, `retry / skip / rollback`… */
  what: z.string(),
  /** Roles that may act (a step's owner, or cutover-lead). */
  roles: z.array(z.string()),
  /** Since when it waits (a gate's opening, a manual step's start, a failure's end). */
  since: z.string().nullable().optional(),
  /** When it times out or escalates, if ever. */
  deadline: z.string().nullable().optional(),
  /** Once escalated past its timeout: the roles the escalation went to. */
  escalatedTo: z.array(z.string()).optional(),
  /** Gates: operators who approved so far, and how many approvals decide it. */
  approvedBy: z.array(z.string()).optional(),
  quorum: z.number().int().optional(),
  /** The plan's stakeholders holding one of `roles`, who have not approved yet: the people awaited. */
  awaited: z.array(z.string()).optional(),
});

export const phaseStatus = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(phaseStates),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
});

/** One metric of a watch evaluation: `inconclusive` when it could not be read (never a pass, never a breach). */
export const watchMetricEvaluation = z.object({
  id: z.string(),
  value: z.number().nullable(),
  verdict: z.enum(['ok', 'breach', 'inconclusive']),
  min: z.number().optional(),
  max: z.number().optional(),
  reason: z.string().optional(),
});

/** One reading of a watch's metrics and what golive did about it. */
export const watchEvaluation = z.object({
  /** 1, 2, 3… within the watch. */
  n: z.number().int(),
  at: timestamp,
  metrics: z.array(watchMetricEvaluation),
  action: z.enum(['none', 'notify', 'pause', 'rollback', 'decide']),
  /** Why it acted (the metrics and values that triggered it). */
  reason: z.string().optional(),
  /** `decide`: the gate opened (`<phase>-watch-<n>`). */
  gate: z.string().optional(),
});

/** A phase's watch: its schedule, the newest evaluations, and the counters an action waits for. */
export const watchStatus = z.object({
  phase: z.string(),
  /** The phase whose end stops it. */
  until: z.string(),
  every: z.string(),
  state: z.enum(['watching', 'ended']),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
  /** The number and due time of the next evaluation. */
  next: z.number().int(),
  nextDueAt: timestamp,
  /** The newest evaluations (at most the watch's keepEvaluations); `dropped` older ones are only counted. */
  evaluations: z.array(watchEvaluation),
  dropped: z.number().int(),
  /** Per metric: consecutive breaches and consecutive unreadable readings not yet acted on. */
  counters: z.record(z.string(), z.object({ breaches: z.number().int(), inconclusive: z.number().int() })),
  /** A `decide` gate opened and not yet acted on (picked up by the next run after continue-as-new). */
  pendingGate: z.string().nullable(),
});

/**
 * One entry of a rehearsal's script (a recorded operator message made again) and what became of
 * it: `applied`; `rejected` by the same validation an operator's message gets; `unfit` for the
 * plan rehearsed (its gate or step is gone); `not-applied` when the cutover ended while it waited
 * for its gate or step (e.g. a checkpoint that no longer breaches).
 */
export const scriptEntryStatus = z.object({
  n: z.number().int(),
  /** When it was recorded, in plan time after the start (ms, unscaled). */
  at: z.number(),
  message: z.string(),
  /** The gate, step or issue it names (null for pause / resume / rollback). */
  target: z.string().nullable(),
  state: z.enum(['pending', 'applied', 'rejected', 'unfit', 'not-applied']),
  appliedAt: timestamp.nullable(),
  /** Why it was not applied (a rejection's code and message, or what it waited for). */
  reason: z.string().optional(),
});

/** How a live run compares with the last completed rehearsal of the same plan (computed by the API). */
export const forecast = z.object({
  rehearsalId: z.string(),
  /** The step the comparison is made at (the live run's latest started step). */
  step: z.string().nullable(),
  /** Positive: the live run is ahead of the rehearsal at that step; negative: behind. */
  aheadMs: z.number(),
  /** When the live run should end if the rest goes as in the rehearsal. */
  forecastEnd: timestamp,
});

/** Which steps this document holds when a plan has more than one page of them. */
/** A notice of a rehearsal, as the record keeps it (`sent`: it went to the test sink). */
export const rehearsalNotice = z.object({ event: z.string(), message: z.string(), roles: z.array(z.string()), at: timestamp, sent: z.boolean() });

export const stepsPage = z.object({
  /** Steps in the run (phases and rollback procedure). */
  total: z.number().int(),
  /** Index of the first step returned, in plan order. */
  offset: z.number().int(),
  returned: z.number().int(),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});

export const statusDocument = z.object({
  id: z.string(),
  name: z.string(),
  mode: cutoverMode,
  state: cutoverState,
  phase: z.string().nullable(),
  startedAt: timestamp,
  updatedAt: timestamp,
  endedAt: timestamp.nullable(),
  phases: z.array(phaseStatus),
  steps: z.array(stepStatus),
  paused: z.boolean(),
  gates: z.array(gateStatus),
  decisions: z.array(decisionRecord),
  actions: z.array(actionRecord),
  rejected: z.array(rejectedMessage),
  issues: z.array(issueRecord),
  rollback: z
    .object({
      reason: z.string(),
      requestedBy: z.string(),
      startedAt: timestamp,
      endedAt: timestamp.nullable(),
      /** The section under way (or `done`); earlier ones are finished. Absent in records made before sections existed. */
      stage: z.enum(rollbackStages).optional(),
    })
    .nullable(),
  error: failureInfo.nullable(),
  /** Phases' watches (present once a plan's watch has started). */
  watches: z.array(watchStatus).optional(),
  /** Steps by state over the whole run (also when `steps` holds only a page). */
  stepCounts: z.partialRecord(stepState, z.number().int()).optional(),
  /** Present when `steps` is a page or a selection rather than every step. */
  stepsPage: stepsPage.nullable().optional(),
  /** Invalid signals received in all (only the newest are kept in `rejected`). */
  rejectedTotal: z.number().int().optional(),
  /** Which run of the cutover answers: 1, then one more per continue-as-new. */
  run: z.number().int().optional(),
  /** What the cutover waits for: open gates, then steps waiting for a person (the first 200, and the total). */
  waiting: z.object({ items: z.array(waitingItem), total: z.number().int() }).optional(),
  /** The plan's params as this cutover filled them in (present when the plan declares some). */
  params: z.record(z.string(), paramValue).optional(),
  /** Where notices go (absent in records made before rehearsal mode: the roster). */
  comms: comms.optional(),
  /** The speed-up of every plan duration: 3600 = an hour takes a second (absent: 1). */
  timeScale: z.number().optional(),
  /** Notices a rehearsal kept from the roster (comms off or test): how many, and the newest. */
  rehearsalNotices: z.object({ total: z.number().int(), recent: z.array(rehearsalNotice) }).optional(),
  /** A rehearsal of a recorded cutover: the cutover id or history file it re-enacts. */
  rehearsalOf: z.string().optional(),
  /** A rehearsal's script: the recorded decisions and answers it makes again, and what became of each. */
  script: z.array(scriptEntryStatus).optional(),
  /** A live run of a rehearsed plan: ahead of or behind the last completed rehearsal (added by the API). */
  forecast: forecast.optional(),
});

export type CutoverState = z.infer<typeof cutoverState>;
export type StepState = z.infer<typeof stepState>;
export type CutoverMode = z.infer<typeof cutoverMode>;
export type Comms = z.infer<typeof comms>;
export type RehearsalNotice = z.infer<typeof rehearsalNotice>;
export type StepStatus = z.infer<typeof stepStatus>;
export type PhaseStatus = z.infer<typeof phaseStatus>;
export type StatusDocument = z.infer<typeof statusDocument>;
export type FailureInfo = z.infer<typeof failureInfo>;
export type RollbackStage = (typeof rollbackStages)[number];
export type CompensationStatus = z.infer<typeof compensationStatus>;
export type StepsPage = z.infer<typeof stepsPage>;
export type GateStatus = z.infer<typeof gateStatus>;
export type DecisionRecord = z.infer<typeof decisionRecord>;
export type ActionRecord = z.infer<typeof actionRecord>;
export type IssueRecord = z.infer<typeof issueRecord>;
export type WatchStatus = z.infer<typeof watchStatus>;
export type WatchEvaluation = z.infer<typeof watchEvaluation>;
export type ScriptEntryStatus = z.infer<typeof scriptEntryStatus>;
export type Forecast = z.infer<typeof forecast>;
export type WatchMetricEvaluation = z.infer<typeof watchMetricEvaluation>;
