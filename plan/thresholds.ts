/**
 * Checkpoint verdicts: a metric's reading against its thresholds, absolute (`max: 0.08`) or
 * relative to its baseline (`max: "+15%"`, `min: "-5pp"`). Pure, so the workflow evaluates and the status
 * document embeds the same result. A value exactly at a limit is within it.
 */
import { z } from 'zod';
import type { MetricReading } from '../activities/contract';
import { relativeLimit } from './relative-threshold';
import type { Metric } from './schema';

export const metricEvaluation = z.object({
  id: z.string(),
  value: z.number().nullable(),
  baseline: z.number().optional(),
  /** Absolute limits, relative ones already resolved against the baseline. */
  min: z.number().optional(),
  max: z.number().optional(),
  breached: z.boolean(),
  reason: z.string().optional(),
});
export type MetricEvaluation = z.infer<typeof metricEvaluation>;

export const checkpointEvaluation = z.object({ evaluations: z.array(metricEvaluation), breached: z.boolean() });
export type CheckpointEvaluation = z.infer<typeof checkpointEvaluation>;

type Threshold = NonNullable<Metric['max']>;
type Bound = 'min' | 'max';

/** Which bound a value falls outside of, if any; shared with the `check` step. */
export function outOfBounds(value: number, limits: { min?: number; max?: number }): { bound: Bound; limit: number } | undefined {
  if (limits.min !== undefined && value < limits.min) return { bound: 'min', limit: limits.min };
  if (limits.max !== undefined && value > limits.max) return { bound: 'max', limit: limits.max };
  return undefined;
}

export function describeBreach(value: number, breach: { bound: Bound; limit: number }): string {
  return `${value} ${breach.bound === 'max' ? 'above' : 'below'} ${breach.bound} ${breach.limit}`;
}

/** Twelve significant digits: 320 + 15% is 368, not 367.99999999999994, so the limit itself passes. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** A metric's baseline: a number, or why there is none (a baseline from a step that could not be read). */
export type ResolvedBaseline = { value: number } | { error: string };

/** The plan's number, or what the workflow resolved from a step (`baselines`, by metric id). */
function baselineOf(metric: Metric, baselines: Readonly<Record<string, ResolvedBaseline>> | undefined): ResolvedBaseline | undefined {
  if (metric.baseline === undefined || typeof metric.baseline === 'number') return metric.baseline === undefined ? undefined : { value: metric.baseline };
  return baselines?.[metric.id] ?? { error: `baseline from step ${metric.baseline.fromStep} was not resolved` };
}

/** An absolute limit, or why there is none (a relative threshold without a usable baseline). */
function resolveThreshold(metric: Metric, threshold: Threshold, baseline: ResolvedBaseline | undefined): { limit: number } | { error: string } {
  if (typeof threshold === 'number') return { limit: threshold };
  if (baseline === undefined) return { error: `threshold "${threshold}" is relative but the metric has no baseline` };
  if ('error' in baseline) return { error: `threshold "${threshold}" is relative but the baseline is unreadable: ${baseline.error}` };
  return { limit: tidy(relativeLimit(threshold, baseline.value, metric.scale)) };
}

/** `(+15% of baseline 320)` after a relative limit, nothing after an absolute one. */
function relativeNote(threshold: Threshold | undefined, baseline: number | undefined): string {
  return typeof threshold === 'string' ? ` (${threshold} of baseline ${baseline})` : '';
}

/** `baselines`: what the workflow resolved for metrics whose baseline comes from a step (plan/baselines.ts). */
export function evaluateMetric(metric: Metric, value: number | null, error?: string, baselines?: Readonly<Record<string, ResolvedBaseline>>): MetricEvaluation {
  const evaluation: MetricEvaluation = { id: metric.id, value, breached: false };
  const baseline = baselineOf(metric, baselines);
  if (baseline && 'value' in baseline) evaluation.baseline = baseline.value;
  const problems: string[] = [];
  for (const bound of ['min', 'max'] as const) {
    const threshold = metric[bound];
    if (threshold === undefined) continue;
    const resolved = resolveThreshold(metric, threshold, baseline);
    if ('limit' in resolved) evaluation[bound] = resolved.limit;
    else problems.push(resolved.error);
  }
  // An unreadable metric or an unusable threshold is a breach: nobody can say it is healthy.
  if (value === null || !Number.isFinite(value)) {
    return { ...evaluation, value: null, breached: true, reason: `${metric.id} unreadable: ${error ?? 'no value'}` };
  }
  if (problems.length > 0) return { ...evaluation, breached: true, reason: `${metric.id} ${problems.join('; ')}` };
  const breach = outOfBounds(value, evaluation);
  if (!breach) return evaluation;
  const reason = `${metric.id} ${describeBreach(value, breach)}${relativeNote(metric[breach.bound], evaluation.baseline)}`;
  return { ...evaluation, breached: true, reason };
}

/** Every metric against its reading (matched by id; a metric without a reading is unreadable). */
export function evaluateCheckpoint(metrics: Metric[], readings: MetricReading[], baselines?: Readonly<Record<string, ResolvedBaseline>>): CheckpointEvaluation {
  const byId = new Map(readings.map((reading) => [reading.id, reading]));
  const evaluations = metrics.map((metric) => {
    const reading = byId.get(metric.id);
    return evaluateMetric(metric, reading?.value ?? null, reading ? reading.error : 'no reading', baselines);
  });
  return { evaluations, breached: evaluations.some((evaluation) => evaluation.breached) };
}
