/** Summaries of samples: min / median / max over rounds, percentiles over latency samples. */

export interface Range {
  n: number;
  min: number;
  median: number;
  max: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of already sorted values. */
function rank(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const index = Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1));
  return values[index];
}

export function range(values: readonly number[]): Range {
  const s = sorted(values);
  const mid = s.length / 2;
  const median = s.length === 0 ? Number.NaN : s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, min: s[0] ?? Number.NaN, median, max: s.at(-1) ?? Number.NaN };
}

export function percentiles(values: readonly number[]): Percentiles {
  const s = sorted(values);
  return { n: s.length, p50: rank(s, 50), p95: rank(s, 95), p99: rank(s, 99), max: s.at(-1) ?? Number.NaN };
}

/** golive / bare; NaN when either side is missing. */
export function ratio(golive: number | undefined, bare: number | undefined): number {
  return golive === undefined || bare === undefined || bare === 0 ? Number.NaN : golive / bare;
}
