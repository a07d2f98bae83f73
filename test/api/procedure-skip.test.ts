/** Skipping a waiting rollback step over real HTTP: the existing skip route, a reason required, the reason on the step. */
import type { StatusDocument, StepStatus } from '../../workflows/status-document';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
});

afterAll(async () => {
  await stack?.stop();
});

const step = (doc: StatusDocument, id: string): StepStatus => doc.steps.find((s) => s.id === id)!;

test('POST …/steps/:step/skip skips a rollback step waiting for its manual completion; the reason is required', async () => {
  const plan = testPlan('ops-procedure-skip', [{ id: 'cutover', steps: [{ id: 'verify', kind: 'manual', with: { instructions: 'Check the new routing' } }] }], {
    rollback: { first: [{ id: 'numbers-to-legacy', kind: 'manual', owner: 'network', with: { instructions: 'Point the numbers back at legacy' } }] },
  });
  const id = await stack.startCutover(plan, 'ops');
  await stack.waitFor(id, (doc) => step(doc, 'verify').awaiting === 'completion');
  const before = await stack.call('POST', `/api/v1/cutovers/${id}/steps/verify/skip`, { reason: 'not a procedure step' });
  expect({ status: before.status, code: before.body.error?.code }).toEqual({ status: 409, code: 'step-not-awaiting' });

  expect((await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'routing test failed' })).status).toBe(200);
  await stack.waitFor(id, (doc) => step(doc, 'numbers-to-legacy').awaiting === 'completion');
  const bare = await stack.call('POST', `/api/v1/cutovers/${id}/steps/numbers-to-legacy/skip`, {});
  expect({ status: bare.status, code: bare.body.error?.code }).toEqual({ status: 422, code: 'reason-required' });

  const skipped = await stack.call('POST', `/api/v1/cutovers/${id}/steps/numbers-to-legacy/skip`, { reason: 'carrier already switched them back' });
  expect(skipped.status).toBe(200);
  expect(skipped.body).toMatchObject({ target: 'numbers-to-legacy', effect: 'skip' });
  const doc = await stack.harness.finished(id);
  expect(doc.state).toBe('rolled-back');
  expect(step(doc, 'numbers-to-legacy')).toMatchObject({ state: 'skipped', section: 'rollback-first', skipReason: 'skipped by dana: carrier already switched them back' });
});
