/** The argument of cutoverWorkflow. The plan arrives validated (API/CLI run plan/analyze first). */
import type { Plan } from '../plan/schema';
import type { CutoverMode } from './status-document';

export interface CutoverInput {
  plan: Plan;
  mode: CutoverMode;
  /** Multiplies every plan duration (waits, later gates and checkpoints); a rehearsal may use 0.01. */
  timeScale?: number;
  /** Who started it, for the record. */
  startedBy?: string;
}
