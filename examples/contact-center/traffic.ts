/**
 * The traffic model behind the simulator's analytics: healthy numbers like a legacy baseline,
 * changed from a moment on by the admin route (a degradation), and a routing share (how many
 * numbers the carrier sends to this platform). An interval's aggregates are the time-weighted
 * result of the settings in force during it. Deterministic: no randomness, so tests can assert.
 * `speed` makes simulated time pass faster (3600: a real second is an hour of calls).
 */
import { z } from 'zod';

export const trafficSettings = z
  .object({
    callsPerHour: z.number().min(0),
    ahtSeconds: z.number().min(0),
    serviceLevel: z.number().min(0).max(1),
    abandonRate: z.number().min(0).max(1),
    trunkErrorRate: z.number().min(0).max(1),
    agentLoginFailuresPerHour: z.number().min(0),
  })
  .strict();
export type TrafficSettings = z.infer<typeof trafficSettings>;

/** A healthy center, close to the legacy baseline the example plans compare against. */
export const HEALTHY: TrafficSettings = { callsPerHour: 600, ahtSeconds: 320, serviceLevel: 0.82, abandonRate: 0.04, trunkErrorRate: 0.001, agentLoginFailuresPerHour: 0 };

interface Segment {
  from: number;
  settings: TrafficSettings;
  /** Share of the numbers routed to this platform (0..1). */
  share: number;
}

export interface Aggregates {
  offered: number;
  answered: number;
  abandoned: number;
  handleSeconds: number;
  serviceLevelMet: number;
  trunkCalls: number;
  trunkErrors: number;
  agentLoginFailures: number;
}

export class TrafficModel {
  private readonly segments: Segment[];

  constructor(
    start: number,
    settings: TrafficSettings = HEALTHY,
    share = 0,
    readonly speed = 1,
  ) {
    this.segments = [{ from: start, settings: { ...settings }, share }];
  }

  get current(): Segment {
    return this.segments.at(-1)!;
  }

  /** From `at` on, these settings (the rest unchanged). */
  change(at: number, change: Partial<TrafficSettings>): TrafficSettings {
    this.segments.push({ from: at, settings: { ...this.current.settings, ...change }, share: this.current.share });
    return { ...this.current.settings };
  }

  setShare(at: number, share: number): void {
    if (share !== this.current.share) this.segments.push({ from: at, settings: this.current.settings, share });
  }

  /** What happened in [start, end), clipped to `now` (no data from the future). */
  aggregate(start: number, end: number, now: number): Aggregates {
    const totals = { offered: 0, abandoned: 0, handleWeighted: 0, serviceWeighted: 0, trunkCalls: 0, trunkErrors: 0, loginFailures: 0 };
    const stop = Math.min(end, now);
    this.segments.forEach((segment, i) => {
      const from = Math.max(start, segment.from);
      const to = Math.min(stop, this.segments[i + 1]?.from ?? Number.POSITIVE_INFINITY);
      if (to <= from) return;
      const hours = ((to - from) / 3_600_000) * this.speed;
      const { settings } = segment;
      const trunk = settings.callsPerHour * hours;
      const offered = trunk * segment.share;
      totals.trunkCalls += trunk;
      totals.trunkErrors += trunk * settings.trunkErrorRate;
      totals.loginFailures += settings.agentLoginFailuresPerHour * hours;
      totals.offered += offered;
      totals.abandoned += offered * settings.abandonRate;
      const answered = offered * (1 - settings.abandonRate);
      totals.handleWeighted += answered * settings.ahtSeconds;
      totals.serviceWeighted += answered * settings.serviceLevel;
    });
    const offered = Math.round(totals.offered);
    const abandoned = Math.min(offered, Math.round(totals.abandoned));
    const answered = offered - abandoned;
    const rawAnswered = totals.offered - totals.abandoned;
    const aht = rawAnswered > 0 ? totals.handleWeighted / rawAnswered : 0;
    const serviceLevel = rawAnswered > 0 ? totals.serviceWeighted / rawAnswered : 0;
    return {
      offered,
      answered,
      abandoned,
      handleSeconds: Math.round(aht * answered),
      serviceLevelMet: Math.round(serviceLevel * answered),
      trunkCalls: Math.round(totals.trunkCalls),
      trunkErrors: Math.round(totals.trunkErrors),
      agentLoginFailures: Math.round(totals.loginFailures),
    };
  }
}
