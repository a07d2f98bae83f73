/**
 * Deadlines on operator calls: with no worker polling, a decision answers 504 within the API's
 * operator timeout and a status read 503 with the last published state (never a hang or a 500);
 * the message expired, so a worker that comes back later does not apply it.
 */
import { openAuth } from '../../api/auth';
import { startApi, type ApiServer } from '../../api/server';
import { installRuntime } from '../../workers/runtime';
import { startWorker, type GoliveWorker } from '../../workers/worker';
import { apiCaller, until, type ApiCall } from '../support/api-calls';
import { lead, sendUpdate } from '../support/operator';
import { testPlan } from '../support/plans';
import { connectClient, temporalAddress, temporalNamespace, uniqueId, type TestClient } from '../support/temporal-env';

const TIMEOUT_MS = 1500;
const config = { address: temporalAddress(), namespace: temporalNamespace(), taskQueue: uniqueId('no-worker') };
let api: ApiServer;
let call: ApiCall;
let worker: GoliveWorker | undefined;
let temporal: TestClient;

beforeAll(async () => {
  installRuntime();
  api = await startApi(config, { port: 0, auth: openAuth(), operatorTimeoutMs: TIMEOUT_MS });
  call = apiCaller(api.url);
  temporal = await connectClient();
});

afterAll(async () => {
  await worker?.shutdown();
  await api?.close();
  await temporal?.close();
});

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
};

test('no worker: 504 for a decision, 503 for the status, in about the timeout; the expired message is never applied', async () => {
  const id = uniqueId('no-worker');
  const plan = testPlan('no-worker', [{ id: 'p', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Sign' } }] }]);
  expect((await call('POST', '/api/v1/cutovers', { plan, id })).status).toBe(201);

  const pause = await timed(() => call('POST', `/api/v1/cutovers/${id}/pause`, { reason: 'nobody home' }));
  expect({ status: pause.value.status, code: pause.value.body.error.code }).toEqual({ status: 504, code: 'no-answer' });
  expect(pause.value.body.error.message).toMatch(/will not be applied later/);
  expect(pause.ms).toBeLessThan(TIMEOUT_MS + 3000);

  const status = await timed(() => call('GET', `/api/v1/cutovers/${id}`));
  expect(status.value.status).toBe(503);
  expect(status.value.body.error).toMatchObject({ code: 'no-worker', details: { state: 'running', temporalStatus: 'RUNNING', taskQueue: config.taskQueue } });
  expect(status.ms).toBeLessThan(TIMEOUT_MS + 3000);

  // A worker comes back: the cutover runs, and the pause its sender gave up on was not applied.
  worker = await startWorker(config);
  const doc = await until(
    () => call('GET', `/api/v1/cutovers/${id}`),
    (res) => res.status === 200 && res.body.steps[0].awaiting === 'completion',
  );
  expect(doc.body).toMatchObject({ paused: false, state: 'awaiting-decision', actions: [], rejected: [] });

  // An expired message sent straight to Temporal is refused as such, and changes nothing.
  const expired = sendUpdate(temporal.client, id, 'pause', { reason: 'late', ...lead, expiresAt: new Date(Date.now() - 60_000).toISOString() });
  await expect(expired).rejects.toMatchObject({ cause: { type: 'expired' } });
  expect((await call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'test done' })).status).toBe(200);
}, 60_000);
