/**
 * Thresholds relative to a metric's baseline: `+15%` (percent of the baseline) or `-5pp`
 * (percentage points on the metric's scale: 0.01 on a ratio, 1 on a percent). Shared by the
 * schema, the cross-reference checks (a baseline must exist) and the evaluation.
 */
export const RELATIVE_THRESHOLD = /^[+-]\d+(\.\d+)?(%|pp)$/;

export type MetricScale = 'ratio' | 'percent';

/** The limit `threshold` sets relative to `baseline`. */
export function relativeLimit(threshold: string, baseline: number, scale: MetricScale = 'ratio'): number {
  const amount = Number.parseFloat(threshold);
  if (threshold.endsWith('pp')) return baseline + amount * (scale === 'percent' ? 1 : 0.01);
  return baseline + (baseline * amount) / 100;
}
