/** /metrics after a real run (worker and API in one process, as in golive dev), and /readyz. */
import type { Client } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { openAuth } from '../../api/auth';
import { CutoverService } from '../../api/cutover-service';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** The value of one series (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const gatedPlan = (name: string) =>
  testPlan(name, [
    { id: 'prepare', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Confirm' } }, { id: 'check', kind: 'noop', dependsOn: ['sign-off'] }] },
    { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [{ id: 'switch', kind: 'noop' }] },
  ]);

test('after a run, /metrics holds cutovers by state and mode, step durations, gate waits, decisions and API latency', async () => {
  const id = await stack.startCutover(gatedPlan('metrics-run'), 'metrics');
  await stack.waitFor(id, (doc) => doc.steps.some((s) => s.id === 'sign-off' && s.state === 'running'));
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/steps/sign-off/complete`, { evidence: 'CHG-7' })).status).toBe(200);
  await stack.waitFor(id, (doc) => doc.gates.some((g) => g.id === 'go-no-go' && g.state === 'open'));
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'ready' })).status).toBe(200);
  await stack.waitFor(id, (doc) => doc.state === 'completed');

  const res = await fetch(`${stack.api.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  expect(sample(text, 'golive_cutovers', { state: 'completed', mode: 'live' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_step_duration_seconds_count', { kind: 'noop', outcome: 'succeeded', mode: 'live' })).toBeGreaterThanOrEqual(2);
  expect(sample(text, 'golive_step_duration_seconds_count', { kind: 'manual', outcome: 'succeeded', mode: 'live' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_step_duration_seconds_bucket', { kind: 'manual', outcome: 'succeeded', mode: 'live', le: '+Inf' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_gate_wait_seconds_count', { kind: 'go-no-go', decision: 'go', mode: 'live' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_gate_wait_seconds_sum', { kind: 'go-no-go', decision: 'go', mode: 'live' })).toBeGreaterThan(0);
  expect(sample(text, 'golive_decisions_total', { source: 'api', effect: 'decided', mode: 'live' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_api_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cutovers/:id', status: '200' })).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'golive_api_request_duration_seconds_count', { method: 'POST', route: '/api/v1/cutovers/:id/gates/:gate/decisions', status: '200' })).toBe(1);
  // Route patterns only: no cutover id in any label.
  expect(text).not.toContain(id);
});

test('/readyz: 200 with a worker polling the task queue, 503 naming what is missing without one', async () => {
  const ready = await fetch(`${stack.api.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, temporal: { up: true }, worker: { taskQueue: stack.harness.taskQueue } });

  const client: Client = stack.harness.client;
  const lonely = createApp({ client, cutovers: new CutoverService(client, 'no-worker-polls-this-queue'), auth: openAuth(), codecs: [] });
  const server = lonely.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, temporal: { up: true }, worker: { pollers: 0, message: expect.stringContaining('no-worker-polls-this-queue') } });
  } finally {
    server.close();
  }
});
