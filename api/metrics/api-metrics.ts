/**
 * The API's own Prometheus series, in a registry per API (a process may run several, as tests do):
 * request latency by route pattern and status, and cutovers by state and mode, counted from
 * Temporal visibility when scraped. GET /metrics answers these with the process's worker series.
 */
import type { RequestHandler } from 'express';
import { Gauge, Histogram, Registry } from 'prom-client';
import { metricsRegistry } from '../../workers/metrics';
import type { CutoverService } from '../cutover-service';

/** Visibility pages read per scrape, 1000 cutovers each: past 10 000 cutovers the gauge counts the newest. */
const MAX_LIST_PAGES = 10;

export class ApiMetrics {
  readonly registry = new Registry();

  private readonly latency = new Histogram({
    name: 'golive_api_request_duration_seconds',
    help: 'API request latency by method, route pattern (never the URL: ids and query tokens stay out) and HTTP status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(cutovers: CutoverService) {
    new Gauge({
      name: 'golive_cutovers',
      help: 'Cutovers by state (as last published in their memo; terminated or timed-out workflows by Temporal status) and mode, from Temporal visibility',
      labelNames: ['state', 'mode'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        let cursor: string | undefined;
        for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
          const { cutovers: listed, nextCursor } = await cutovers.list({ pageSize: 1000, cursor });
          for (const c of listed) {
            const closedOutside = ['TERMINATED', 'TIMED_OUT', 'CANCELLED'].includes(c.temporalStatus);
            this.inc({ state: closedOutside ? c.temporalStatus.toLowerCase() : (c.state ?? 'unknown'), mode: c.mode ?? 'unknown' });
          }
          if (!nextCursor) break;
          cursor = nextCursor;
        }
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
