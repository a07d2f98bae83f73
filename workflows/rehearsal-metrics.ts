/**
 * Reading a checkpoint's or watch's metrics, in a rehearsal too. A live run (or a rehearsal from
 * before rehearsal mode) asks the readMetrics activity for all of them, as ever. A rehearsal asks
 * it only for sources that say `rehearse: real`; a static source is its own value, and every
 * other source is simulated: its declared `rehearse: {value}`, else a value within its limits —
 * the baseline when that is within them, else the middle of min and max, else the one limit (a
 * value at a limit is within it), else 0. No activity runs when nothing is read for real.
 * Workflow code (deterministic).
 */
import type { MetricReading, SupportActivities } from '../activities/contract';
import type { Metric } from '../plan/schema';
import { evaluateMetric, outOfBounds, type ResolvedBaseline } from '../plan/thresholds';
import type { CutoverRun } from './cutover-run';
import { metricRequests, stepBaselines } from './metric-reads';

/** A simulated reading of `metric` (pure; `baselines`: those resolved from steps' answers). */
export function simulatedReading(metric: Metric, baselines?: Readonly<Record<string, ResolvedBaseline>>): MetricReading {
  if (metric.source.kind === 'static') return { id: metric.id, value: metric.source.value };
  if (typeof metric.rehearse === 'object') return { id: metric.id, value: metric.rehearse.value };
  // Limits resolved as the judgement resolves them (relative ones against the baseline).
  const { min, max, baseline } = evaluateMetric(metric, 0, undefined, baselines);
  if (baseline !== undefined && !outOfBounds(baseline, { min, max })) return { id: metric.id, value: baseline };
  const value = min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max ?? 0);
  return { id: metric.id, value };
}

/**
 * The readings of `metrics` for checkpoint or watch evaluation `checkpoint`. Not async: outside a
 * rehearsal the caller awaits the activity's own promise, as it did before (replays of older histories).
 */
export function readMetrics(run: CutoverRun, activities: SupportActivities, checkpoint: string, metrics: Metric[], every: string): Promise<MetricReading[]> {
  const requests = metricRequests(run, metrics, every);
  if (!run.rehearsing) return run.track(activities.readMetrics({ cutoverId: run.id, checkpoint, metrics: requests }));
  return rehearsedReadings(run, activities, checkpoint, metrics, requests);
}

async function rehearsedReadings(run: CutoverRun, activities: SupportActivities, checkpoint: string, metrics: Metric[], requests: ReturnType<typeof metricRequests>): Promise<MetricReading[]> {
  const real = new Set(metrics.filter((m) => m.source.kind === 'http' && m.rehearse === 'real').map((m) => m.id));
  const read = real.size > 0 ? await run.track(activities.readMetrics({ cutoverId: run.id, checkpoint, metrics: requests.filter((r) => real.has(r.id)) })) : [];
  const baselines = stepBaselines(run, metrics);
  return metrics.map((metric) => {
    if (real.has(metric.id)) return read.find((r) => r.id === metric.id) ?? { id: metric.id, value: null, error: 'no reading' };
    return recordedReading(run, checkpoint, metric) ?? simulatedReading(metric, baselines);
  });
}

/**
 * A rehearsal of a recorded cutover reads what the recorded run read at the same evaluation (a
 * recorded breach breaches again), unless the plan declares the metric's rehearsal value itself.
 */
function recordedReading(run: CutoverRun, checkpoint: string, metric: Metric): MetricReading | undefined {
  if (typeof metric.rehearse === 'object') return undefined;
  return run.input.recordedReadings?.[checkpoint]?.find((reading) => reading.id === metric.id);
}
