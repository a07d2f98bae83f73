/**
 * What a recorded cutover's event history says, for rehearsing it: its input (the plan, the mode,
 * the params), the operator messages with their times after the start, each step's final run
 * (outcome and duration), what its checkpoints and watches read, and how the cutover ended. Reads the proto JSON that
 * CutoverOperations.history writes (one run, or `{runs: [...]}` for a cutover that continued as
 * new), decoding payloads with the SDK's history tools and the given codecs.
 */
import { defaultPayloadConverter, type PayloadCodec, type PayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { MetricReading } from '../../activities/contract';
import { decodeHistoryPayloads } from '../../workers/history-payloads';
import type { CutoverInput, RehearsalScriptEntry } from '../../workflows/cutover-input';
import { operatorMessages, type OperatorMessage } from '../../workflows/messages';
import type { CutoverState } from '../../workflows/status-document';
import { planMsOf } from './time-scale';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** The step kinds that run as one activity per run (manual steps wait for a person, waits are timers). */
const ACTIVITY_KINDS = new Set(['noop', 'http', 'check', 'snapshot', 'restore', 'notify']);

/** Claims of the original sender: a rehearsal makes the message again as itself. */
const SENDER_FIELDS = ['source', 'expiresAt', 'attestation'];

export interface RecordedStep {
  id: string;
  /** How its last run ended: `cancelled` when a rollback cut it off. */
  outcome: 'succeed' | 'fail' | 'cancelled';
  /** Plan time after the cutover's start (ms) at which its last run began and ended. */
  startMs: number;
  endMs: number;
  /** How long its last run took, in plan time. */
  durationMs: number;
  /** Runs of the step (1, then one more per operator retry). */
  runs: number;
}

export interface RecordedRun {
  /** The first run's input (the plan as validated at start, params filled in). */
  input: CutoverInput;
  startedAt: string;
  endedAt: string | null;
  /** The end state from the workflow's result (null while it runs, or when it was terminated). */
  finalState: CutoverState | null;
  /** Operator messages in the order they were accepted, `at` in plan time after the start. */
  script: RehearsalScriptEntry[];
  /** Steps that ran as activities, in the order they first started. */
  steps: RecordedStep[];
  /** What each checkpoint or watch evaluation read (by its gate id), as the readMetrics activity answered. */
  readings: Record<string, MetricReading[]>;
}

export class HistoryFormatError extends Error {}

/** The runs of a history file's JSON: one, or the chain `{runs: [...]}`. */
function runsOf(json: unknown): unknown[] {
  if (json && typeof json === 'object' && Array.isArray((json as { runs?: unknown }).runs)) return (json as { runs: unknown[] }).runs;
  return [json];
}

/** An event's time in ms (seconds arrive as a number or a Long, depending on how the history was read). */
function tsToMs(ts: temporal.api.history.v1.IHistoryEvent['eventTime']): number {
  return Number(ts?.seconds ?? 0) * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6);
}

function first<T>(converter: PayloadConverter, payloads: Payloads): T | undefined {
  const payload = payloads?.payloads?.[0];
  return payload ? converter.fromPayload<T>(payload) : undefined;
}

const isOperatorMessage = (name: string | null | undefined): name is OperatorMessage => typeof name === 'string' && Object.hasOwn(operatorMessages, name);

function withoutSender(payload: unknown): Record<string, unknown> {
  const fields = { ...(payload as Record<string, unknown>) };
  for (const key of SENDER_FIELDS) delete fields[key];
  return fields;
}

/** Decodes every run of `json` (codecs: the payload codecs the history was written with). */
export async function readRecordedRun(json: unknown, codecs: readonly PayloadCodec[] = [], converter: PayloadConverter = defaultPayloadConverter): Promise<RecordedRun> {
  const histories = runsOf(json).map((run) => {
    try {
      return historyFromJSON(run);
    } catch (err) {
      throw new HistoryFormatError(`not a Temporal event history: ${(err as Error).message}`);
    }
  });
  for (const history of histories) await decodeHistoryPayloads(history, codecs);
  return recordedRunOf(histories.map((h) => h.events ?? []), converter);
}

/** The recorded run from decoded events, oldest run first. */
export function recordedRunOf(runs: HistoryEvent[][], converter: PayloadConverter = defaultPayloadConverter): RecordedRun {
  const started = runs[0]?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started || started.workflowType?.name !== 'cutoverWorkflow') throw new HistoryFormatError('the history does not start with a cutoverWorkflow execution');
  const input = first<CutoverInput>(converter, started.input);
  if (!input?.plan) throw new HistoryFormatError('the cutover input holds no plan');
  const startMs = tsToMs(runs[0][0].eventTime);
  const timeScale = input.timeScale ?? 1;
  const at = (event: HistoryEvent) => planMsOf(tsToMs(event.eventTime) - startMs, timeScale);
  const stepKinds = new Map(input.plan.phases.flatMap((phase) => phase.steps).map((step) => [step.id, step.kind]));

  const script: (RehearsalScriptEntry & { update?: string })[] = [];
  const failedUpdates = new Set<string>();
  const steps = new Map<string, RecordedStep>();
  const readings: Record<string, MetricReading[]> = {};
  let endedAt: string | null = null;
  let finalState: CutoverState | null = null;

  for (const events of runs) {
    // Event ids start again in every run: activities are matched within their run.
    const scheduled = new Map<string, { step: string; runs: number; at: number }>();
    const metricReads = new Map<string, string>();
    for (const event of events) {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      const completedUpdate = event.workflowExecutionUpdateCompletedEventAttributes;
      const signaled = event.workflowExecutionSignaledEventAttributes;
      const activity = event.activityTaskScheduledEventAttributes;
      const closed =
        event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes ?? event.activityTaskCanceledEventAttributes;
      if (accepted && isOperatorMessage(accepted.acceptedRequest?.input?.name)) {
        const payload = first<unknown>(converter, accepted.acceptedRequest.input.args);
        script.push({ at: at(event), message: accepted.acceptedRequest.input.name, payload: withoutSender(payload), update: accepted.protocolInstanceId ?? undefined });
      } else if (completedUpdate?.outcome?.failure && completedUpdate.meta?.updateId) {
        failedUpdates.add(completedUpdate.meta.updateId);
      } else if (signaled && isOperatorMessage(signaled.signalName)) {
        script.push({ at: at(event), message: signaled.signalName, payload: withoutSender(first<unknown>(converter, signaled.input)) });
      } else if (activity?.activityType?.name === 'readMetrics') {
        const request = first<{ checkpoint?: string }>(converter, activity.input);
        if (request?.checkpoint) metricReads.set(String(event.eventId), request.checkpoint);
      } else if (activity && ACTIVITY_KINDS.has(activity.activityType?.name ?? '')) {
        const [step, run] = (activity.activityId ?? '').split('#');
        if (stepKinds.get(step) === activity.activityType?.name) scheduled.set(String(event.eventId), { step, runs: run ? Number(run) : 1, at: at(event) });
      } else if (closed && metricReads.has(String(closed.scheduledEventId))) {
        const result = event.activityTaskCompletedEventAttributes ? first<MetricReading[]>(converter, event.activityTaskCompletedEventAttributes.result) : undefined;
        if (result) readings[metricReads.get(String(closed.scheduledEventId))!] = result;
      } else if (closed) {
        const start = scheduled.get(String(closed.scheduledEventId));
        if (!start) continue;
        const outcome = event.activityTaskCompletedEventAttributes ? 'succeed' : event.activityTaskCanceledEventAttributes ? 'cancelled' : 'fail';
        const endMs = at(event);
        steps.set(start.step, { id: start.step, outcome, startMs: start.at, endMs, durationMs: endMs - start.at, runs: start.runs });
      } else if (event.workflowExecutionCompletedEventAttributes) {
        finalState = first<{ state?: CutoverState }>(converter, event.workflowExecutionCompletedEventAttributes.result)?.state ?? null;
        endedAt = new Date(tsToMs(event.eventTime)).toISOString();
      } else if (event.workflowExecutionFailedEventAttributes) {
        finalState = 'failed';
        endedAt = new Date(tsToMs(event.eventTime)).toISOString();
      }
    }
  }
  return {
    input: { ...input, carried: undefined },
    startedAt: new Date(startMs).toISOString(),
    endedAt,
    finalState,
    // An update the workflow accepted and then refused changed nothing: it is not part of what happened.
    script: script.filter((entry) => !entry.update || !failedUpdates.has(entry.update)).map(({ update: _update, ...entry }) => entry),
    steps: [...steps.values()].sort((a, b) => a.startMs - b.startMs),
    readings,
  };
}
