/**
 * The API's own Prometheus series, in a registry per API (a process may run several, as tests do):
 * request latency by route pattern and status, and cutovers by state and mode, counted from
 * Temporal visibility when scraped. GET /metrics answers these with the process's worker series.
 */
import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { Gauge, Histogram, Registry } from 'prom-client';
import { metricsRegistry } from '../../workers/metrics';
import { countCutovers } from './cutover-counts';

export class ApiMetrics {
  readonly registry = new Registry();

  private readonly latency = new Histogram({
    name: 'golive_api_request_duration_seconds',
    help: 'API request latency by method, route pattern (never the URL: ids and query tokens stay out) and HTTP status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(client: Client) {
    new Gauge({
      name: 'golive_cutovers',
      help: 'Cutovers by state (as last published in their memo; terminated, timed-out or cancelled workflows by Temporal status) and mode, from Temporal visibility',
      labelNames: ['state', 'mode'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await countCutovers(client);
        this.reset();
        for (const { state, mode, count } of counts.values()) this.set({ state, mode }, count);
      },
    });
  }

  /** Times every request; the route label is the matched pattern (`/api/v1/cutovers/:id`), `static` or `unmatched`. */
  requestTimer(): RequestHandler {
    return (req, res, next) => {
      const end = this.latency.startTimer({ method: req.method });
      res.once('finish', () => {
        const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : res.statusCode < 400 ? 'static' : 'unmatched';
        end({ route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** The exposition text: this API's series and the process's (worker series when a worker runs here, process defaults). */
  async exposition(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([metricsRegistry, this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}
