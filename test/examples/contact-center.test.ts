/**
 * The simulated contact center over HTTP: it enforces what golive's deployment order prevents
 * (409 naming the unpublished dependency; in lenient mode, callers down the error path or in dead
 * air), its export/import is a true undo button, and its analytics follow the traffic model.
 */
import { NUMBERS } from '../../examples/contact-center/seed';
import { startContactCenter, type ContactCenterServer } from '../../examples/contact-center/server';

let sim: ContactCenter;
type ContactCenter = ContactCenterServer;
let now = Date.parse('2026-11-21T22:00:00Z');

beforeEach(async () => {
  now = Date.parse('2026-11-21T22:00:00Z');
  sim = await startContactCenter({ callIntervalMs: 0, token: 'gc-token', clock: () => now });
});

afterEach(async () => {
  await sim?.close();
});

async function call(method: string, path: string, body?: unknown, token: string | null = 'gc-token') {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const publish = (id: string) => (id.startsWith('dt-') ? call('POST', `/api/v2/flows/datatables/${id}/import/jobs`) : call('POST', `/api/v2/flows/actions/publish?flow=${id}`));
const routeTo = (dnis: string, flowId: string) => call('PUT', `/api/v2/telephony/numbers/${encodeURIComponent(dnis)}/route`, { target: 'flow', flowId });
const calls = async () => (await call('GET', '/admin/calls')).body as Record<string, number>;

/** Modules and data tables before the flows that use them, in-queue before inbound. */
const DERIVED_ORDER = ['dt-holidays', 'dt-vip-callers', 'mod-authenticate', 'mod-business-hours', 'iq-support', 'iq-billing', 'ib-main', 'ib-billing'];

test('in the derived order everything publishes and every caller connects', async () => {
  for (const id of DERIVED_ORDER) expect((await publish(id)).status).toBe(200);
  expect((await routeTo(NUMBERS.main, 'ib-main')).status).toBe(200);
  await routeTo(NUMBERS.billing, 'ib-billing');
  await call('POST', '/admin/calls');
  expect(await calls()).toEqual({ connected: 4, 'error-path': 0, 'dead-air': 0, legacy: 1 });
  // A number routed before its flow is published is dead air.
  await call('POST', '/api/v2/flows/actions/revert?flow=ib-billing');
  expect((await calls())['dead-air']).toBe(1);
});

test('out of order: refused naming the unpublished dependency, and in lenient mode callers take the error path or hear silence', async () => {
  await routeTo(NUMBERS.main, 'ib-main');
  const refused = await publish('ib-main');
  expect(refused).toEqual({ status: 409, body: { status: 409, code: 'flow.dependency.unpublished', message: expect.stringContaining('mod-authenticate') } });
  expect(refused.body.message).toMatch(/dt-vip-callers.*iq-support|iq-support.*dt-vip-callers/);

  expect((await call('POST', '/admin/settings', { publishValidation: 'lenient' })).status).toBe(200);
  // The source runbook's story: the parent flow published before the shared authentication module.
  expect((await publish('ib-main')).status).toBe(200);
  expect((await calls())['error-path']).toBe(1);
  for (const id of ['dt-holidays', 'dt-vip-callers', 'mod-authenticate', 'mod-business-hours']) await publish(id);
  // Inbound before in-queue: callers reach the queue and hear nothing.
  const { events } = (await call('GET', '/admin/events')).body;
  const last = events.filter((e: any) => e.type === 'call').at(-1);
  expect(last).toMatchObject({ outcome: 'dead-air', flowId: 'ib-main', missing: ['iq-support'] });
  await publish('iq-support');
  expect((await call('POST', '/admin/calls')).body.calls[0]).toMatchObject({ dnis: NUMBERS.main, outcome: 'connected' });
});

test('dependency tracking answers what a flow consumes, and names what does not exist', async () => {
  const { body } = await call('GET', '/api/v2/architect/dependencytracking/consumedresources?id=ib-billing&objectType=INBOUNDCALLFLOW');
  expect(body.entities.map((e: any) => [e.id, e.type])).toEqual([
    ['mod-authenticate', 'COMMONMODULEFLOW'],
    ['q-billing', 'QUEUE'],
    ['iq-billing', 'INQUEUECALLFLOW'],
  ]);
  expect((await call('GET', '/api/v2/architect/dependencytracking/consumedresources?id=nope')).status).toBe(404);
  expect((await call('GET', '/api/v2/flows', undefined, null)).status).toBe(401);
});

test('export, change, import: the configuration deep-equals the export', async () => {
  const exported = (await call('GET', '/api/v2/configuration/export')).body;
  for (const id of DERIVED_ORDER) await publish(id);
  await routeTo(NUMBERS.main, 'ib-main');
  expect((await call('GET', '/admin/configuration')).body).not.toEqual(exported);
  // Numbers back to legacy first, then the import: no caller reaches an unpublished flow.
  await call('PUT', `/api/v2/telephony/numbers/${encodeURIComponent(NUMBERS.main)}/route`, { target: 'legacy' });
  expect((await call('POST', '/api/v2/configuration/import', exported)).status).toBe(200);
  expect((await call('GET', '/admin/configuration')).body).toEqual(exported);
  expect((await calls())['dead-air']).toBe(0);
  expect((await call('POST', '/api/v2/configuration/import', { objects: 'x' })).status).toBe(400);
});

test('analytics follow the traffic: the share routed here, and a degradation weighted by time', async () => {
  const interval = (from: number, to: number) => `${new Date(from).toISOString()}/${new Date(to).toISOString()}`;
  const start = now;
  for (const id of DERIVED_ORDER) await publish(id);
  await routeTo(NUMBERS.main, 'ib-main'); // one of three numbers: a third of 600 calls an hour
  now += 3_600_000;
  await call('POST', '/admin/traffic', { ahtSeconds: 480, serviceLevel: 0.6 });
  now += 3_600_000;
  const { body } = await call('POST', '/api/v2/analytics/conversations/aggregates/query', { interval: interval(start, now), metrics: ['nOffered', 'tHandle', 'oServiceLevel'] });
  const metrics = Object.fromEntries(body.results[0].data[0].metrics.map((m: any) => [m.metric, m.stats]));
  expect(metrics.nOffered.count).toBe(400);
  expect(metrics.tHandle.sum / metrics.tHandle.count / 1000).toBeCloseTo(400, 0); // half an interval at 320 s, half at 480 s
  expect(metrics.oServiceLevel.ratio).toBeCloseTo(0.71, 2);
  const health = (await call('POST', '/simulator/health/query', { interval: interval(start, now) })).body;
  expect(health).toMatchObject({ trunkCalls: 1200, agentLoginFailures: 0 });
  expect((await call('POST', '/api/v2/analytics/conversations/aggregates/query', { interval: 'yesterday' })).status).toBe(400);
  expect((await call('POST', '/admin/traffic', { serviceLevel: 2 })).body.message).toMatch(/serviceLevel/);
  // The legacy baseline is the healthy center, whatever happened to the new platform.
  const legacy = (await call('POST', '/legacy/analytics/query', { interval: interval(start, now) })).body;
  expect(legacy).toMatchObject({ offered: 1200, trunkCalls: 1200 });
  expect(legacy.aht).toBeCloseTo(320, 6);
  expect(legacy.serviceLevel).toBeCloseTo(0.82, 2);
  // A period ends now: the last two hours, the same 1,200 calls.
  expect((await call('POST', '/legacy/analytics/query', { period: 'PT2H' })).body).toMatchObject({ offered: 1200, interval: interval(start, now) });
  expect((await call('POST', '/legacy/analytics/query', { period: '2 hours' })).status).toBe(400);
});

test('Amazon Connect: associate a number with a contact flow, and metric data', async () => {
  const start = now;
  expect((await call('POST', '/contact-flows/inst-1/cf-self-service/metadata', { ContactFlowState: 'ACTIVE' })).status).toBe(200);
  expect((await call('PUT', `/phone-number/${encodeURIComponent(NUMBERS.connect)}/contact-flow`, { InstanceId: 'inst-1', ContactFlowId: 'cf-self-service' })).status).toBe(200);
  now += 3_600_000;
  const { body } = await call('POST', '/metrics/data', { ResourceArn: 'arn:aws:connect:inst-1', StartTime: start / 1000, EndTime: now / 1000, Metrics: [{ Name: 'AVG_HANDLE_TIME' }, { Name: 'ABANDONMENT_RATE' }] });
  expect(body.MetricResults[0].Collections).toEqual([
    { Metric: { Name: 'AVG_HANDLE_TIME' }, Value: 320 },
    { Metric: { Name: 'ABANDONMENT_RATE' }, Value: 4 },
  ]);
  expect((await call('DELETE', `/phone-number/${encodeURIComponent(NUMBERS.connect)}/contact-flow?instanceId=inst-1`)).status).toBe(200);
  expect(sim.center.org.routeOf(NUMBERS.connect)).toEqual({ target: 'legacy' });
});

test('smoke-test calls reach each published inbound flow (or the flows named) on its test number, before any number moves', async () => {
  await call('POST', '/admin/settings', { publishValidation: 'lenient' });
  await publish('ib-main');
  const { calls: placed } = (await call('POST', '/admin/calls', { test: true })).body as { calls: { dnis: string; outcome: string; missing?: string[] }[] };
  // ib-main is published but what it consumes is not: the smoke test finds it. A named flow not published is silence.
  expect(placed).toEqual([expect.objectContaining({ dnis: 'test:ib-main', outcome: 'error-path', missing: expect.arrayContaining(['mod-authenticate']) })]);
  expect((await call('POST', '/admin/calls', { test: true, flows: ['ib-billing'] })).body.calls).toEqual([expect.objectContaining({ dnis: 'test:ib-billing', outcome: 'dead-air' })]);
  for (const id of DERIVED_ORDER) await publish(id);
  const again = (await call('POST', '/admin/calls', { test: true })).body as { calls: { outcome: string }[] };
  expect(again.calls).toEqual([expect.objectContaining({ dnis: 'test:ib-main', outcome: 'connected' }), expect.objectContaining({ dnis: 'test:ib-billing', outcome: 'connected' })]);
  // The live numbers still ring on the legacy platform.
  const { entities } = (await call('GET', '/api/v2/telephony/numbers')).body as { entities: { dnis: string; route: { target: string } }[] };
  expect(entities.find((n) => n.dnis === NUMBERS.main)?.route).toEqual({ target: 'legacy' });
});
