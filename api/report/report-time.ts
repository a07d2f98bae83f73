/**
 * Time in a run report: offsets from the cutover's start and durations, both in plan time. A run
 * started with a time scale (a rehearsal at an hour a second) is reported as the weekend it stands
 * for, so its durations compare with the plan's estimates and with runs at other scales. Pure.
 */

/**
 * Wall-clock milliseconds per plan millisecond. CutoverInput.timeScale multiplies plan durations
 * (1/3600: an hour takes a second); a factor above 1 is read as the CLI's "hours per second"
 * divisor (3600), so either spelling of the same run reports the same plan time.
 */
export function wallPerPlanMs(timeScale: number | undefined): number {
  if (timeScale === undefined || !Number.isFinite(timeScale) || timeScale <= 0) return 1;
  return timeScale > 1 ? 1 / timeScale : timeScale;
}

/** A clock that turns ISO timestamps of one run into plan-time offsets from its start. */
export interface PlanClock {
  /** Wall-clock ms per plan ms. */
  timeScale: number;
  /** Plan-time milliseconds from the run's start to `iso`, or null without a time. */
  offset(iso: string | null | undefined): number | null;
  /** Plan-time milliseconds between two timestamps, or null when either is missing. */
  between(from: string | null | undefined, to: string | null | undefined): number | null;
}

export function planClock(startedAt: string, timeScale: number | undefined): PlanClock {
  const start = Date.parse(startedAt);
  const factor = wallPerPlanMs(timeScale);
  const toPlan = (wallMs: number) => Math.max(0, Math.round(wallMs / factor));
  return {
    timeScale: factor,
    offset: (iso) => (iso ? toPlan(Date.parse(iso) - start) : null),
    between: (from, to) => (from && to ? toPlan(Date.parse(to) - Date.parse(from)) : null),
  };
}

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** `1h 2m 3s`, `4.2s`, `350ms`: the two largest units, for tables and chart labels. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  if (rest < 60_000) return `${sign}${(rest / 1000).toFixed(rest < 10_000 ? 1 : 0)}s`;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return sign + parts.filter((part) => !/^0[a-z]$/.test(part)).join(' ');
}

/** `T+1h 2m`: an offset from the cutover's start. */
export function tPlus(ms: number | null): string {
  return ms === null ? '' : `T+${ms === 0 ? '0' : humanDuration(ms)}`;
}

/** `+12m` / `-3s`: actual minus expected, or nothing when either is missing. */
export function delta(actual: number | null, expected: number | null): string {
  if (actual === null || expected === null) return '';
  const diff = actual - expected;
  return diff === 0 ? '±0' : `${diff > 0 ? '+' : ''}${humanDuration(diff)}`;
}
