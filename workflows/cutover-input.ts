/** The argument of cutoverWorkflow. The plan arrives validated (API/CLI run plan/analyze first). */
import type { ParamValues } from '../plan/params';
import type { Plan } from '../plan/schema';
import type { RunSnapshot } from './run-snapshot';
import type { Comms, CutoverMode } from './status-document';

export interface CutoverInput {
  plan: Plan;
  mode: CutoverMode;
  /**
   * Multiplies every plan duration (waits, timeouts, watch and checkpoint intervals, escalations):
   * 0.01 runs a hundred times faster. The public `timeScale` (a speed-up, 3600 = an hour a
   * second) is converted to this by workflows/time-scale.ts.
   */
  timeScale?: number;
  /** Where notices go: off, a test sink, or the roster (default: rehearsal → test, live → on). */
  comms?: Comms;
  /** The plan's params as they were filled in (already substituted into `plan`), for the status. */
  params?: ParamValues;
  /** Who started it, for the record. */
  startedBy?: string;
  /**
   * Continue as new once this run's history holds this many events, even before Temporal
   * suggests it (tests and benchmarks use it to exercise continue-as-new on small plans).
   */
  historyLimit?: number;
  /** Set when a run continues as new: the record so far, and which run of the cutover this is. */
  carried?: { snapshot: RunSnapshot; run: number };
}
