/** The argument of cutoverWorkflow. The plan arrives validated (API/CLI run plan/analyze first). */
import type { MetricReading } from '../activities/contract';
import type { ParamValues } from '../plan/params';
import type { Plan } from '../plan/schema';
import type { RunSnapshot } from './run-snapshot';
import type { Comms, CutoverMode } from './status-document';
import type { OperatorMessage } from './messages';

/**
 * One operator message of a recorded cutover that a rehearsal makes again: `at` ms after the
 * start in plan time (unscaled; the workflow scales it), the message and its payload (operator,
 * roles and the message's fields; no source, expiry or attestation). `unfit`: why it no longer
 * fits the plan being rehearsed (a gate or step that is gone); never sent, listed in the status.
 */
export interface RehearsalScriptEntry {
  at: number;
  message: OperatorMessage;
  payload: Record<string, unknown>;
  unfit?: string;
}

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
  /** A rehearsal of a recorded cutover: the cutover id or history file it re-enacts. */
  rehearsalOf?: string;
  /** A rehearsal's script: the recorded decisions and answers the workflow itself makes again (patched 'rehearsal-script'). */
  script?: RehearsalScriptEntry[];
  /** A rehearsal of a recorded cutover: the readings its checkpoints and watches recorded, by evaluation (gate id), read again instead of simulated. */
  recordedReadings?: Record<string, MetricReading[]>;
  /** A live start of a plan with `requireRehearsal` and no completed rehearsal: who overrode that, and why (recorded as an action). */
  rehearsalOverride?: { reason: string; operator: string; roles?: string[]; source?: 'api' | 'cli' };
  /** Set when a run continues as new: the record so far, and which run of the cutover this is. */
  carried?: { snapshot: RunSnapshot; run: number };
}
