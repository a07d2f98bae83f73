/**
 * Time in a run report: offsets from the cutover's start and durations, both in plan time. A run
 * started with a time scale (a rehearsal at an hour a second) is reported as the weekend it stands
 * for, so its durations compare with the plan's estimates and with runs at other scales. Pure.
 */
import { durationMultiplier } from '../../workflows/time-scale';

const positive = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value) && value > 0;

/**
 * Wall-clock milliseconds per plan millisecond of one run: its start input's multiplier
 * (CutoverInput.timeScale, 1/3600 for an hour a second), else the public speed-up its status
 * document shows (3600), else real time. Each is converted by what it is, never guessed from its size.
 */
export function wallPerPlanMs(run: { inputMultiplier?: number; speedUp?: number }): number {
  if (positive(run.inputMultiplier)) return run.inputMultiplier;
  if (positive(run.speedUp)) return durationMultiplier(run.speedUp);
  return 1;
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

export function planClock(startedAt: string, factor: number): PlanClock {
  const start = Date.parse(startedAt);
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
