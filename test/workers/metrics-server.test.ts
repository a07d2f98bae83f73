/** `golive worker`'s /metrics (GOLIVE_WORKER_METRICS_PORT): the worker's series without the API. */
import type { AddressInfo } from 'node:net';
import { startWorkerMetricsServer } from '../../workers/metrics-server';
import { setting, SettingsError } from '../../workers/settings';

test('serves the worker registry at /metrics and nothing else', async () => {
  const server = await startWorkerMetricsServer(0, '127.0.0.1');
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const name of ['golive_step_duration_seconds', 'golive_gate_wait_seconds', 'golive_decisions_total']) expect(text).toContain(`# TYPE ${name} `);
    expect((await fetch(`${base}/`)).status).toBe(404);
  } finally {
    server.close();
  }
});

test('GOLIVE_WORKER_METRICS_PORT: a port, or off; anything else is refused naming it', () => {
  expect(setting('GOLIVE_WORKER_METRICS_PORT', { GOLIVE_WORKER_METRICS_PORT: '9464' })).toBe(9464);
  expect(setting('GOLIVE_WORKER_METRICS_PORT', {})).toBeUndefined();
  expect(() => setting('GOLIVE_WORKER_METRICS_PORT', { GOLIVE_WORKER_METRICS_PORT: 'nine' })).toThrow(SettingsError);
  expect(() => setting('GOLIVE_WORKER_METRICS_PORT', { GOLIVE_WORKER_METRICS_PORT: 'nine' })).toThrow(/GOLIVE_WORKER_METRICS_PORT/);
});
