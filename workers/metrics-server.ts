/**
 * `golive worker`'s own /metrics when it runs apart from the API (GOLIVE_WORKER_METRICS_PORT):
 * the step, gate and decision series live in the worker's process, so Prometheus scrapes each
 * worker there and the API's /metrics for cutover counts and request latency.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from './logger';
import { metricsRegistry } from './metrics';

export async function startWorkerMetricsServer(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not-found', message: 'only GET /metrics here' } }));
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (err: unknown) => {
        logger.error({ err }, 'worker metrics failed');
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: 'metrics failed; see the worker log' } }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  logger.info({ port: (server.address() as AddressInfo).port }, 'worker metrics at /metrics');
  return server;
}
