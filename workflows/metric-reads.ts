/**
 * What checkpoints and watches hand the readMetrics activity, and the baselines they judge with:
 * each http source's evaluation window (ending now, in workflow time; as long as the source's
 * `window`, else the block's `every`, both scaled) and the baselines taken from steps' answers.
 */
import { resolveBaselines } from '../plan/baselines';
import { metricWindow } from '../plan/metric-window';
import type { Metric } from '../plan/schema';
import type { CutoverRun } from './cutover-run';

export function metricRequests(run: CutoverRun, metrics: readonly Metric[], every: string) {
  const now = Date.now();
  return metrics.map(({ id, source }) => (source.kind === 'http' ? { id, source, window: metricWindow(now, run.scaled(source.window ?? every)) } : { id, source }));
}

export function stepBaselines(run: CutoverRun, metrics: readonly Metric[]) {
  return resolveBaselines(metrics, (id) => (run.state.hasStep(id) ? run.state.step(id) : undefined));
}
