/**
 * Two faces of one clock setting. The public `timeScale` (API field, `golive start --time-scale`,
 * the status document) is a speed-up: 3600 means an hour of the plan takes a second. Inside,
 * CutoverInput.timeScale is what every plan duration is multiplied by (1/3600), as histories
 * recorded before the public one existed carry it. Converted only here. Pure.
 */

/** The largest public speed-up: a week of plan in about 0.6 s. */
export const MAX_TIME_SCALE = 1_000_000;

/** The workflow input's multiplier for a public speed-up (3600 → 1/3600). */
export function durationMultiplier(speedUp: number): number {
  return 1 / speedUp;
}

/** The public speed-up of a workflow input's multiplier (1/3600 → 3600), tidy for display. */
export function speedUpOf(multiplier: number | undefined): number {
  return multiplier === undefined || multiplier <= 0 ? 1 : Number((1 / multiplier).toPrecision(12));
}
