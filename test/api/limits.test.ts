/**
 * Bounded sizes (issue 7 item 5): request bodies are limited while they are read (plans by
 * GOLIVE_MAX_PLAN_BYTES, messages by 64 KiB), a plan Temporal cannot take even compressed is 413
 * and starts nothing, issue reports have bounded fields, and the record a cutover keeps of issues,
 * pauses and retries stops growing at its plan's limits (409 `limit-reached`, nothing recorded).
 */
import { randomBytes } from 'node:crypto';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

const MAX_PLAN_BYTES = 256 * 1024;
let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack({ maxPlanBytes: MAX_PLAN_BYTES });
});

afterAll(async () => {
  await stack?.stop();
});

const manualPlan = (name: string, limits: Record<string, number> = {}) =>
  testPlan(name, [{ id: 'prepare', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Sign' } }] }], { settings: { limits } });

async function rollBack(id: string) {
  await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'test done' });
}

test('a plan body over GOLIVE_MAX_PLAN_BYTES and a message body over 64 KiB are 413 with the envelope, and start nothing', async () => {
  const id = uniqueId('big-plan');
  const plan = testPlan('big-plan', [{ id: 'p', description: 'd'.repeat(MAX_PLAN_BYTES), steps: [{ id: 's', kind: 'noop' }] }]);
  const big = await stack.call('POST', '/api/v1/cutovers', { plan, id });
  expect(big.status).toBe(413);
  expect(big.body.error).toEqual({ code: 'payload-too-large', message: expect.stringContaining(`at most ${MAX_PLAN_BYTES} bytes (GOLIVE_MAX_PLAN_BYTES)`) });
  expect((await stack.call('GET', `/api/v1/cutovers/${id}`)).status).toBe(404);

  const yaml = await stack.call('POST', '/api/v1/plans/validate', `name: x\ndescription: ${'y'.repeat(MAX_PLAN_BYTES)}\n`, { contentType: 'application/yaml' });
  expect(yaml.status).toBe(413);

  const running = await stack.startCutover(manualPlan('message-body'), 'message-body');
  const issue = await stack.call('POST', `/api/v1/cutovers/${running}/issues`, { severity: 'low', summary: 'padded', details: 'z'.repeat(70 * 1024) });
  expect(issue.status).toBe(413);
  expect(issue.body.error).toMatchObject({ code: 'payload-too-large', message: expect.stringContaining('at most 65536 bytes') });
  expect((await stack.status(running)).issues).toEqual([]);
  await rollBack(running);
});

test('a plan under the byte limit that Temporal cannot take even compressed is 413 plan-too-large, not a 500', async () => {
  const id = uniqueId('incompressible');
  // Random text barely compresses: ~3 MB of it stays over Temporal's 2 MB payload limit.
  const noise = (n: number) => randomBytes(n).toString('base64');
  const steps = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, kind: 'noop', notes: noise(75_000) }));
  const server = await startApiStack({ maxPlanBytes: 8 * 1024 * 1024 });
  try {
    const res = await server.call('POST', '/api/v1/cutovers', { plan: testPlan('incompressible', [{ id: 'p', steps }]), id });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'plan-too-large', message: expect.stringContaining('2 MB') });
    expect((await server.call('GET', `/api/v1/cutovers/${id}`)).status).toBe(404);
  } finally {
    await server.stop();
  }
});

test('issue reports have bounded fields: each over-long field is 422 naming it, and nothing is recorded', async () => {
  const id = await stack.startCutover(manualPlan('issue-fields'), 'issue-fields');
  const report = { severity: 'low', summary: 'Calls drop' };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ screenshots: Array.from({ length: 11 }, (_, i) => `https://shots.example.com/${i}.png`) }, 'screenshots'],
    [{ screenshots: [`https://shots.example.com/${'a'.repeat(2100)}.png`] }, 'screenshots[0]'],
    [{ callTime: 't'.repeat(65) }, 'callTime'],
    [{ callerAni: '1'.repeat(65) }, 'callerAni'],
    [{ summary: 's'.repeat(501) }, 'summary'],
  ];
  for (const [extra, field] of cases) {
    const res = await stack.call('POST', `/api/v1/cutovers/${id}/issues`, { ...report, ...extra });
    expect({ field, status: res.status }).toEqual({ field, status: 422 });
    expect(JSON.stringify(res.body.error)).toContain(field);
  }
  expect((await stack.status(id)).issues).toEqual([]);
  await rollBack(id);
});

test('issues, issue text and pauses stop at the plan’s limits: 409 limit-reached naming the setting, nothing recorded', async () => {
  const id = await stack.startCutover(manualPlan('record-limits', { issues: 2, issueChars: 1000, pauses: 1 }), 'record-limits');
  const issue = (details: string) => stack.call('POST', `/api/v1/cutovers/${id}/issues`, { severity: 'low', summary: 'noise', details });
  expect((await issue('a'.repeat(900))).status).toBe(201);
  const overText = await issue('b'.repeat(200));
  expect(overText.status).toBe(409);
  expect(overText.body.error).toMatchObject({ code: 'limit-reached', message: expect.stringContaining('settings.limits.issueChars') });
  expect((await issue('short')).status).toBe(201);
  const overCount = await issue('third');
  expect(overCount.body.error).toMatchObject({ code: 'limit-reached', message: expect.stringContaining('settings.limits.issues') });

  expect((await stack.call('POST', `/api/v1/cutovers/${id}/pause`, { reason: 'one' })).status).toBe(200);
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/resume`, { reason: 'one' })).status).toBe(200);
  const secondPause = await stack.call('POST', `/api/v1/cutovers/${id}/pause`, { reason: 'two' });
  expect(secondPause.status).toBe(409);
  expect(secondPause.body.error).toMatchObject({ code: 'limit-reached', message: expect.stringContaining('settings.limits.pauses') });

  const doc = await stack.status(id);
  expect(doc.issues.map((i) => i.id)).toEqual(['ISS-1', 'ISS-2']);
  expect(doc.paused).toBe(false);
  expect(doc.actions.filter((a) => a.action === 'pause')).toHaveLength(1);
  // A rollback is never limited.
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'done' })).status).toBe(200);
});

test('retries of one step stop at settings.limits.retriesPerStep; skip is still accepted', async () => {
  const plan = testPlan('retry-limit', [{ id: 'p', steps: [{ id: 'call', kind: 'http', with: { method: 'POST', url: 'http://127.0.0.1:1/down' }, retry: { maximumAttempts: 1 } }] }], {
    settings: { limits: { retriesPerStep: 2 } },
  });
  const id = await stack.startCutover(plan, 'retry-limit');
  const waiting = () => stack.waitFor(id, (doc) => doc.steps[0].awaiting === 'retry-skip-rollback');
  for (let i = 0; i < 2; i += 1) {
    await waiting();
    expect((await stack.call('POST', `/api/v1/cutovers/${id}/steps/call/retry`, { reason: `try ${i}` })).status).toBe(200);
  }
  await waiting();
  const third = await stack.call('POST', `/api/v1/cutovers/${id}/steps/call/retry`, { reason: 'again' });
  expect(third.status).toBe(409);
  expect(third.body.error).toMatchObject({ code: 'limit-reached', message: expect.stringContaining('retries of step call') });
  expect((await stack.call('POST', `/api/v1/cutovers/${id}/steps/call/skip`, { reason: 'enough' })).status).toBe(200);
  await stack.waitFor(id, (doc) => doc.state === 'completed');
});

test('plan limits outside their bounds are refused at validation with a path', async () => {
  const res = await stack.call('POST', '/api/v1/plans/validate', { plan: manualPlan('bad-limits', { issueChars: 5_000_000, pauses: 0 }) });
  expect(res.status).toBe(422);
  const paths = res.body.error.details.map((d: { path: string }) => d.path);
  expect(paths).toEqual(expect.arrayContaining(['settings.limits.issueChars', 'settings.limits.pauses']));
});

test('validating a 20,000-step plan does not stall the API: other requests answer meanwhile', async () => {
  const steps = Array.from({ length: 20_000 }, (_, i) => ({ id: `s${i}`, kind: 'noop', title: 'Publish one flow', dependsOn: i >= 100 ? [`s${i - 100}`] : [] }));
  const plan = testPlan('validate-large', [{ id: 'bulk', steps }]);
  const server = await startApiStack({ maxPlanBytes: 8 * 1024 * 1024 });
  try {
    let validated = false;
    const started = Date.now();
    const validation = server.call('POST', '/api/v1/plans/validate', { plan }).finally(() => (validated = true));
    const latencies: number[] = [];
    while (!validated) {
      const sent = Date.now();
      const res = await fetch(`${server.api.url}/api/v1/cutovers/no-such-cutover/steps?limit=abc`);
      expect(res.status).toBe(422);
      latencies.push(Date.now() - sent);
    }
    const res = await validation;
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.analysis).toMatchObject({ stepCount: 20_000 });
    // Answered all along, each within a fraction of the time the validation took (on the event
    // loop, one request waited for all of it). Relative, so a busy machine does not fail it.
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(took / 2);
  } finally {
    await server.stop();
  }
});
