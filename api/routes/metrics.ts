/** GET /metrics: Prometheus text format (public like /healthz; labels carry no ids, names or tokens). */
import { Router } from 'express';
import type { ApiMetrics } from '../metrics/api-metrics';

export function metricsRouter(metrics: ApiMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const { contentType, text } = await metrics.exposition();
    res.type(contentType).send(text);
  });
  return router;
}
