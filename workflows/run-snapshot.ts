/**
 * What one run of a cutover hands to the next when it continues as new: the record without the
 * plan-given parts of each step (the plan travels beside it), and the aggregate's private
 * bookkeeping. JSON-serialisable; written and read only by RunState.
 */
import type { NoticeInput } from '../activities/contract';
import type { CutoverState, StatusDocument, StepStatus } from './status-document';

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
  /** Roster notices: how many were sent (their keys go on from there) and those raised while draining. */
  notices?: { count: number; deferred: Pick<NoticeInput, 'event' | 'message' | 'roles' | 'data' | 'waiting'>[] };
}
