/**
 * Replays recorded cutover histories against today's workflow code: the determinism check behind
 * `golive replay` and test/replay. One replay worker, so one workflow bundle, serves every run of
 * every history (bundling takes seconds; a worker per history would pay it each time).
 *
 * The SDK's error names what differed but rarely the event, so a failed run is bisected: replaying
 * its first n events fails exactly when event n is the first the code disagrees with.
 */
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker, type ReplayResult } from '@temporalio/worker';
import type { History } from './history-document';
import { replayFailure, type ReplayFailure } from './replay-failure';
import { metricsSinks } from './metrics';
import { installRuntime } from './runtime';
import { workflowSource } from './worker';

export interface HistorySource {
  /** What the report calls it: a file path, or `cutover <id>`. */
  name: string;
  runs: History[];
}

export interface RunOutcome {
  /** 1-based position in the chain of runs. */
  run: number;
  runId: string;
  /** Absent: the run replayed. */
  failure?: ReplayFailure;
}

export interface ReplayOutcome {
  name: string;
  ok: boolean;
  runs: RunOutcome[];
}

/** ACTIVITY_TASK_SCHEDULED for the enum value (historyFromJSON turns the names into numbers). */
const eventTypeName = (type: unknown) =>
  (typeof type === 'number' ? temporal.api.enums.v1.EventType[type] : String(type ?? 'UNKNOWN')).replace(/^EVENT_TYPE_/, '');

/**
 * Replays every run of every source in order. The histories are fed one at a time from a
 * generator that reads each result before choosing the next history: how bisection shares the worker.
 */
export async function replayHistories(
  sources: readonly HistorySource[],
  /** `workflowBundle`: replay against this code (a release's bundle) instead of this build's. */
  options: { dataConverter: DataConverter; workflowBundle?: { code: string } },
): Promise<ReplayOutcome[]> {
  installRuntime();
  const outcomes: ReplayOutcome[] = [];
  let last: ReplayResult | undefined;
  async function* feed() {
    for (const [s, source] of sources.entries()) {
      const outcome: ReplayOutcome = { name: source.name, ok: true, runs: [] };
      outcomes.push(outcome);
      for (const [r, history] of source.runs.entries()) {
        const workflowId = `replay-${s + 1}-${r + 1}`;
        yield { workflowId, history };
        const result = last as ReplayResult;
        const run: RunOutcome = { run: r + 1, runId: result.runId };
        outcome.runs.push(run);
        if (!result.error) continue;
        outcome.ok = false;
        const events = history.events ?? [];
        // Invariant: the first `good` events replay, the first `bad` do not.
        let good = 0;
        let bad = events.length;
        while (bad - good > 1) {
          const n = Math.floor((good + bad) / 2);
          yield { workflowId: `${workflowId}-first-${n}`, history: { events: events.slice(0, n) } };
          if (last?.error) bad = n;
          else good = n;
        }
        const event = events[bad - 1];
        run.failure = { ...replayFailure(result.error), eventId: Number(event?.eventId ?? bad), eventType: eventTypeName(event?.eventType) };
      }
    }
  }
  // The metrics sink is registered (a replay never calls it) so the SDK does not log it as missing.
  const code = options.workflowBundle ? { workflowBundle: options.workflowBundle } : workflowSource();
  const replayOptions = { ...code, dataConverter: options.dataConverter, sinks: metricsSinks() };
  for await (const result of Worker.runReplayHistories(replayOptions, feed())) last = result;
  return outcomes;
}
