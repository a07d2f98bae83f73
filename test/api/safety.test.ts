/**
 * Safe to accept: who may start a plan, role checks answered before state checks, and the error
 * envelope on requests Express never sees (headers too large) or refuses (bodies too large).
 */
import { request } from 'node:http';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';
import { rawRequest } from '../support/raw-http';
import { uniqueId } from '../support/temporal-env';

let stack: ApiStack;
const agent = { token: testTokens.ana.token };

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
});

afterAll(async () => {
  await stack?.stop();
});

const manualPlan = (name: string, extra: Record<string, unknown> = {}) =>
  testPlan(
    name,
    [
      { id: 'prepare', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Sign' } }] },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } }, steps: [{ id: 'switch', kind: 'noop' }] },
    ],
    { roles: { 'cutover-lead': 'Dana', network: 'Sam', agent: 'Ana' }, ...extra },
  );

test('only the plan’s starters may start it (default cutover-lead); a refused start starts nothing', async () => {
  const id = uniqueId('starters');
  const refused = await stack.call('POST', '/api/v1/cutovers', { plan: manualPlan('starters'), id }, agent);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ code: 'role-not-allowed', message: expect.stringContaining('starters: cutover-lead') });
  expect((await stack.call('GET', `/api/v1/cutovers/${id}`)).status).toBe(404);

  const own = await stack.call('POST', '/api/v1/cutovers', { plan: manualPlan('starters-agent', { settings: { starters: ['agent'] } }), id }, agent);
  expect(own.status).toBe(201);
  await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'test done' });

  const invalid = await stack.call('POST', '/api/v1/plans/validate', { plan: manualPlan('starters-bad', { settings: { starters: ['nobody'] } }) });
  expect(invalid.status).toBe(422);
  expect(invalid.body.error.details).toContainEqual(expect.objectContaining({ code: 'unknown-role', path: 'settings.starters[0]' }));
});

test('a role check is answered before any state check: 403, never a 409 that tells the state', async () => {
  const id = await stack.startCutover(manualPlan('role-first'), 'role-first');
  await stack.waitFor(id, (doc) => doc.steps[0].awaiting === 'completion');
  const refusals: Array<[string, unknown]> = [
    ['/resume', { reason: 'not paused' }],
    ['/pause', { reason: 'mine?' }],
    ['/steps/sign-off/retry', {}],
    ['/gates/go-no-go/decisions', { decision: 'go' }],
  ];
  for (const [path, body] of refusals) {
    const res = await stack.call('POST', `/api/v1/cutovers/${id}${path}`, body, agent);
    expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 403, code: 'role-not-allowed' });
  }
  // The same calls by a cutover lead meet the state checks.
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/resume`, { reason: 'not paused' })).body.error.code).toBe('not-paused');
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go' })).body.error.code).toBe('gate-not-open');
  await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'test done' });
});

test('a body over the limit is 413 and headers over the limit 431, both with the error envelope', async () => {
  const big = await stack.call('POST', '/api/v1/plans/validate', { plan: 'x'.repeat(5 * 1024 * 1024) });
  expect(big.status).toBe(413);
  expect(big.body.error).toMatchObject({ code: 'payload-too-large', message: expect.any(String) });

  const url = new URL(stack.api.url);
  const answer = await new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/api/v1/cutovers', headers: { 'x-padding': 'p'.repeat(40 * 1024) } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
  expect(answer.status).toBe(431);
  expect(answer.type).toBe('application/json');
  expect(JSON.parse(answer.body)).toEqual({ error: { code: 'headers-too-large', message: 'the request headers are too large' } });
});

test('an Expect header other than 100-continue is 417 with the error envelope (found by the property-based API suite)', async () => {
  const { hostname, port } = new URL(stack.api.url);
  const res = await rawRequest(hostname, Number(port), { method: 'POST', target: '/api/v1/cutovers', headers: [['authorization', `Bearer ${testTokens.dana.token}`], ['expect', '']], body: '{"plan":null}' });
  expect(res.status).toBe(417);
  expect(res.headers['content-type']).toBe('application/json');
  expect(JSON.parse(res.text)).toEqual({ error: { code: 'expectation-failed', message: expect.any(String) } });
});
