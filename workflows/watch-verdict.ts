/**
 * A watch's verdict on one reading of its metrics: each metric ok, breached or inconclusive
 * (unreadable: never a pass, never a breach), the consecutive counters carried forward, and the
 * actions whose tolerance ran out. Pure: thresholds are judged by plan/thresholds.ts as for
 * checkpoints, so the workflow and its tests share one rule.
 */
import type { MetricReading } from '../activities/contract';
import type { Metric, MetricAction } from '../plan/schema';
import { evaluateCheckpoint, type ResolvedBaseline } from '../plan/thresholds';
import type { WatchMetricEvaluation, WatchStatus } from './status-document';

type Counters = WatchStatus['counters'];

export interface Trigger {
  action: MetricAction;
  reason: string;
}

export interface WatchVerdict {
  metrics: WatchMetricEvaluation[];
  counters: Counters;
  triggers: Trigger[];
}

/** What a metric does when its tolerance runs out, with the plan's defaults filled in. */
function policyOf(metric: Metric) {
  return {
    onBreach: metric.onBreach ?? 'decide',
    breachesBeforeAction: metric.breachesBeforeAction ?? 1,
    inconclusiveLimit: metric.inconclusive?.limit ?? 1,
    onInconclusive: metric.inconclusive?.action ?? 'decide',
  };
}

/**
 * Judges one reading against the counters so far. A readable value resets the unreadable count;
 * a value within limits resets the breach count; an unreadable one leaves the breach count as it
 * was (nobody knows whether the breach went on). A counter that triggers starts again from zero.
 */
export function judgeWatch(metrics: Metric[], readings: MetricReading[], before: Counters, baselines?: Record<string, ResolvedBaseline>): WatchVerdict {
  const { evaluations } = evaluateCheckpoint(metrics, readings, baselines);
  const counters: Counters = {};
  const triggers: Trigger[] = [];
  const lines = evaluations.map((evaluation, index): WatchMetricEvaluation => {
    const policy = policyOf(metrics[index]);
    const count = { ...(before[evaluation.id] ?? { breaches: 0, inconclusive: 0 }) };
    counters[evaluation.id] = count;
    const line: WatchMetricEvaluation = { id: evaluation.id, value: evaluation.value, verdict: 'ok' };
    if (evaluation.min !== undefined) line.min = evaluation.min;
    if (evaluation.max !== undefined) line.max = evaluation.max;
    if (!evaluation.breached) {
      count.breaches = 0;
      count.inconclusive = 0;
      return line;
    }
    line.reason = evaluation.reason ?? `${evaluation.id} breached`;
    if (evaluation.value === null) {
      line.verdict = 'inconclusive';
      count.inconclusive += 1;
      if (count.inconclusive >= policy.inconclusiveLimit) {
        triggers.push({ action: policy.onInconclusive, reason: `${line.reason} (${count.inconclusive} inconclusive in a row)` });
        count.inconclusive = 0;
      }
      return line;
    }
    line.verdict = 'breach';
    count.inconclusive = 0;
    count.breaches += 1;
    if (count.breaches >= policy.breachesBeforeAction) {
      triggers.push({ action: policy.onBreach, reason: `${line.reason} (${count.breaches} in a row)` });
      count.breaches = 0;
    }
    return line;
  });
  return { metrics: lines, counters, triggers };
}

/** Of the actions triggered, the one that stops most (notify never stops anything). */
export function strongestStop(triggers: Trigger[]): Exclude<MetricAction, 'notify'> | null {
  for (const action of ['rollback', 'pause', 'decide'] as const) if (triggers.some((t) => t.action === action)) return action;
  return null;
}
