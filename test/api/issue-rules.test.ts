/**
 * Issue rules over real HTTP (issue 8 item 9): a report names an owner role and a step of the plan
 * (422 / 404 naming the field otherwise), needs a token holding a role of the plan (403), and only
 * the owner, the reporter or the cutover lead resolves (403 role-not-allowed); refusals change nothing.
 */
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
});

afterAll(async () => {
  await stack?.stop();
});

const agent = { token: testTokens.ana.token };
const soakPlan = (name: string, extra: Record<string, unknown> = {}) =>
  testPlan(name, [{ id: 'cutover', steps: [{ id: 'soak', kind: 'manual', owner: 'network', with: { instructions: 'Watch live calls' } }] }], extra);

async function expectRefused(id: string, path: string, body: unknown, expected: { status: number; code: string; message?: unknown }, options?: { token: string }) {
  const before = JSON.stringify((await stack.status(id)).issues);
  const res = await stack.call('POST', `/api/v1/cutovers/${id}${path}`, body, options);
  expect({ status: res.status, code: res.body.error?.code, message: res.body.error?.message }).toEqual({ message: expect.any(String), ...expected });
  expect(JSON.stringify((await stack.status(id)).issues)).toBe(before);
}

test('owner and step are checked against the plan; resolving needs the owner, the reporter or the lead', async () => {
  const id = await stack.startCutover(soakPlan('api-issue-rules'), 'api-issue-rules');
  const base = `/api/v1/cutovers/${id}`;
  const reported = await stack.call('POST', `${base}/issues`, { severity: 'high', summary: 'calls drop', owner: 'network', step: 'soak' }, agent);
  expect(reported.status).toBe(201);
  expect(reported.body.issue).toMatchObject({ id: 'ISS-1', owner: 'network', step: 'soak', reportedBy: 'ana' });
  expect((await stack.status(id)).issues[0]).toMatchObject({ owner: 'network', step: 'soak' });

  await expectRefused(id, '/issues', { severity: 'low', summary: 'x', owner: 'carrier' }, { status: 422, code: 'unknown-role', message: expect.stringMatching(/^owner: "carrier" is not a role of this plan/) });
  await expectRefused(id, '/issues', { severity: 'low', summary: 'x', step: 'publish' }, { status: 404, code: 'unknown-step', message: 'step: "publish" is not a step of this plan' });

  expect((await stack.call('POST', `${base}/issues`, { severity: 'low', summary: 'hold music quiet' })).status).toBe(201); // ISS-2 by dana, no owner
  await expectRefused(id, '/issues/ISS-2/resolve', { resolution: 'louder' }, { status: 403, code: 'role-not-allowed' }, agent);
  expect((await stack.call('POST', `${base}/issues/ISS-1/resolve`, { resolution: 'trunk re-pointed' }, agent)).status).toBe(200); // the reporter
  expect((await stack.call('POST', `${base}/issues/ISS-2/resolve`, { resolution: 'louder' })).status).toBe(200); // the lead
  expect((await stack.status(id)).issues.map((i) => i.resolvedBy)).toEqual(['ana', 'dana']);
});

test('a token holding no role of the plan may not report', async () => {
  const id = await stack.startCutover(soakPlan('api-issue-no-role', { roles: { 'cutover-lead': 'Dana', network: 'Sam' } }), 'api-issue-no-role');
  await expectRefused(id, '/issues', { severity: 'critical', summary: 'calls drop' }, { status: 403, code: 'role-not-allowed', message: expect.stringContaining('holds no role of this plan') }, agent);
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/issues`, { severity: 'critical', summary: 'calls drop' })).status).toBe(201);
});
