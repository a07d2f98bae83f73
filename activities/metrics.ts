/**
 * Checkpoint metrics: every metric read in parallel. An unreadable metric is a reading with an
 * error, not a failed activity: the workflow decides what it means (a breach).
 */
import { logger } from '../workers/logger';
import type { MetricReading, SupportActivities } from './contract';
import { withHeartbeat } from './step-context';
import { readValue } from './value-source';

export const readMetrics: SupportActivities['readMetrics'] = async ({ cutoverId, checkpoint, metrics }) => {
  const log = logger.child({ cutoverId, checkpoint, activity: 'readMetrics' });
  const readings = await withHeartbeat((signal) =>
    Promise.all(
      metrics.map(async ({ id, source, window }): Promise<MetricReading> => {
        try {
          return { id, value: await readValue(source, signal, window) };
        } catch (err) {
          if (signal.aborted) throw err; // cancelled: let Temporal see the cancellation, not a reading
          return { id, value: null, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    ),
  );
  log.info({ readings }, 'checkpoint metrics read');
  return readings;
};
