/**
 * What one run of a cutover hands to the next when it continues as new: the record without the
 * plan-given parts of each step (the plan travels beside it), and the aggregate's private
 * bookkeeping. JSON-serialisable; written and read only by RunState.
 */
import type { NoticeInput } from '../activities/contract';
import type { CutoverState, StatusDocument, StepStatus } from './status-document';

/**
 * `issueRules`: owners, linked steps, who may report and resolve (patched 'issue-rules');
 * `issueAgeTimers`: rollback criteria fire when an issue crosses its age (patched 'issue-age-timers').
 */
export interface IssueRuleFlags {
  issueRules: boolean;
  issueAgeTimers: boolean;
}

export interface RunSnapshot {
  version: 1;
  doc: Omit<StatusDocument, 'steps'>;
  /** Steps that changed since the plan was loaded: their index in the record and changed fields. */
  steps: [number, Partial<StepStatus>][];
  seq: number;
  rejectedTotal: number;
  continued: string[];
  answers: [string, 'retry' | 'skip' | 'rollback'][];
  escalatedSteps: string[];
  checkpointClock: [string, { next: number; dueAt: string; acted: boolean }][];
  finalState: CutoverState | null;
  /** Rules decided once when the cutover started (patched at the first run), kept for every later run. */
  rules?: IssueRuleFlags;
  /** Rollback-criterion timers of open issues: when each is due, and whether its firing was acted on. */
  issueAges?: [string, { dueAt: string; acted: boolean }][];
  /** Roster notices: how many were sent (their keys go on from there) and those raised while draining. */
  notices?: { count: number; deferred: Pick<NoticeInput, 'event' | 'message' | 'roles' | 'data' | 'waiting'>[] };
}
