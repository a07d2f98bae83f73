/**
 * golive's Prometheus metrics (prom-client, one registry per process). The worker observes what
 * runs live (steps, gates, decisions; workflows/run-metrics.ts sends them through a sink); the API
 * observes its requests and counts cutovers at scrape time. `golive dev` runs both in one process,
 * so its /metrics holds every series; split up, scrape the API's /metrics and each worker's
 * (GOLIVE_WORKER_METRICS_PORT).
 */
import type { InjectedSinks } from '@temporalio/worker';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsSinks } from '../workflows/run-metrics';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'golive_process_' });

/** From seconds (automatic steps) to hours (manual steps, gates waiting for people). */
const WAIT_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800];

/** A histogram of waits and durations in seconds, in golive's registry. */
function secondsHistogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets: WAIT_BUCKETS, registers: [metricsRegistry] });
}

export const stepDuration = secondsHistogram(
  'golive_step_duration_seconds',
  'How long steps ran, from start to end (workflow time), by step kind, outcome (succeeded, failed, skipped) and mode',
  ['kind', 'outcome', 'mode'],
);

export const gateWait = secondsHistogram('golive_gate_wait_seconds', 'How long gates stayed open before their decision, by gate kind, decision and mode', ['kind', 'decision', 'mode']);

export const decisions = new Counter({
  name: 'golive_decisions_total',
  help: 'Gate decisions and approvals on record, by source (api, cli, temporal-ui, auto), effect (decided, approval) and mode',
  labelNames: ['source', 'effect', 'mode'] as const,
  registers: [metricsRegistry],
});

/** The worker's side of the `goliveMetrics` sink. */
export function metricsSinks(): InjectedSinks<MetricsSinks> {
  return {
    goliveMetrics: {
      stepEnded: { fn: (_info, { kind, outcome, mode, seconds }) => stepDuration.observe({ kind, outcome, mode }, seconds) },
      gateDecided: { fn: (_info, { kind, decision, mode, seconds }) => gateWait.observe({ kind, decision, mode }, seconds) },
      decisionRecorded: { fn: (_info, { source, effect, mode }) => decisions.inc({ source, effect, mode }) },
    },
  };
}
