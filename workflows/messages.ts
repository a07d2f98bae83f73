/**
 * Temporal messages of the cutover workflow. Every operator action exists as an update (the
 * API uses it: a validator rejects bad input synchronously and writes no history) and as a
 * signal of the same name and payload (for clients that can only signal; invalid signals are
 * recorded as rejected). Both run one handler. Descriptions show in the Temporal UI.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AnswerStepPayload,
  CompleteStepPayload,
  ControlPayload,
  DecidePayload,
  ReportIssuePayload,
  ResolveIssuePayload,
} from './message-schemas';
import type { StatusDocument } from './status-document';
import type { CutoverSummary, UpdateAck } from './status-summary';
import type { StatusQueryOptions } from './status-views';

/** The status document; without options every step when the plan is small, else the first page. */
export const statusQuery = defineQuery<StatusDocument, [StatusQueryOptions?]>('status');

/** A few hundred bytes whatever the plan's size: state, counts, what the cutover waits for. */
export const summaryQuery = defineQuery<CutoverSummary>('summary');

/** What every accepted update answers: what it recorded and where the cutover stands now. */
export type UpdateResult = UpdateAck;

function pair<P>(name: string) {
  return { update: defineUpdate<UpdateResult, [P]>(name), signal: defineSignal<[P]>(name) };
}

export const operatorMessages = {
  decide: pair<DecidePayload>('decide'),
  completeStep: pair<CompleteStepPayload>('completeStep'),
  answerStep: pair<AnswerStepPayload>('answerStep'),
  pause: pair<ControlPayload>('pause'),
  resume: pair<ControlPayload>('resume'),
  rollback: pair<ControlPayload>('rollback'),
  reportIssue: pair<ReportIssuePayload>('reportIssue'),
  resolveIssue: pair<ResolveIssuePayload>('resolveIssue'),
};

export type OperatorMessage = keyof typeof operatorMessages;

// Typed names are unverified: under the plan's settings.temporalUi: observe (default) the Temporal UI only reports issues.
const actorHelp = 'operator (your name, recorded unverified), roles (e.g. ["cutover-lead"]); from the Temporal UI this acts only where the plan says settings.temporalUi: act (reportIssue always)';

/** Shown by the Temporal UI next to each handler (passed to setHandler). */
export const handlerDescriptions: Record<OperatorMessage | 'status' | 'summary', string> = {
  status: 'The cutover status document: state, current phase, steps, gates, decisions and issues (same as GET /api/v1/cutovers/:id). Optional argument {cursor, limit, ids, states} pages or selects the steps; large plans answer one page (see stepsPage).',
  summary: 'A short summary of the cutover: state, phase, step counts by state, what it waits for and from whom.',
  decide: `Decide an open gate. {gate, decision: go|no-go (go/no-go gates) or continue|pause|rollback (checkpoints), reason, ${actorHelp}}`,
  completeStep: `Complete a manual step with evidence. {step, evidence, ${actorHelp}}`,
  answerStep: `Answer a step waiting for an operator after a failure: {step, action: retry|skip|rollback, reason, ${actorHelp}}; a contingency or rollback step waiting for its manual completion may be skipped too (reason required)`,
  pause: `Pause the cutover: no new step starts; running steps finish. {reason, ${actorHelp}}`,
  resume: `Resume a paused cutover. {reason, ${actorHelp}}`,
  rollback: `Roll the cutover back now: cancel running steps, compensate, run the rollback procedure. {reason, ${actorHelp}}`,
  reportIssue: `Report an issue: {severity: low|medium|high|critical, summary, details, callTime, callerAni, csrUsername, screenshots: [urls], owner (a role of the plan), step (a step id), ${actorHelp}}; the reporter needs a role of the plan`,
  resolveIssue: `Resolve an issue: {issue (e.g. "ISS-1"), resolution, ${actorHelp}}; by its owner role, its reporter or the cutover lead`,
};
