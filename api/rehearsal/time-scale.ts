/**
 * Plan time and wall time of a cutover run at a time scale. A CutoverInput's `timeScale` multiplies
 * every plan duration (0.01: a plan hour takes 36 s); a recorded run's times are read back in plan
 * time so that a rehearsal can scale them its own way.
 */

/** Plan milliseconds of `wallMs` of a run at `timeScale`. */
export function planMsOf(wallMs: number, timeScale = 1): number {
  return timeScale > 0 ? Math.round(wallMs / timeScale) : wallMs;
}

/** The CutoverInput `timeScale` of an API / CLI time scale (`3600`: a plan hour takes a wall second). */
export function inputTimeScaleOf(apiTimeScale: number): number {
  return 1 / apiTimeScale;
}
