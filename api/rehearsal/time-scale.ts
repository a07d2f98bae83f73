/**
 * Plan time of a run's wall-clock spans. A CutoverInput's `timeScale` multiplies every plan
 * duration (1/3600: a plan hour takes a second); the status document's `timeScale` is the public
 * speed-up (3600). Recorded runs and comparisons are read back in plan time, so runs at different
 * scales line up.
 */
import { durationMultiplier } from '../../workflows/time-scale';

/** Plan milliseconds of `wallMs` of a run whose input multiplied durations by `multiplier`. */
export function planMsOf(wallMs: number, multiplier = 1): number {
  return multiplier > 0 ? Math.round(wallMs / multiplier) : wallMs;
}

/** Plan milliseconds of `wallMs` of the run a status document describes (its public speed-up, absent: 1). */
export function planMsIn(doc: { timeScale?: number }, wallMs: number): number {
  return planMsOf(wallMs, durationMultiplier(doc.timeScale ?? 1));
}
