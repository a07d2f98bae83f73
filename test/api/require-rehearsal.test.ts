/**
 * `requireRehearsal: true` and the live forecast, over the API on the real dev server: a live
 * start is refused (409 rehearsal-required) until a rehearsal of the same plan completed, unless
 * an operator overrides with a reason (recorded in the actions); once rehearsed, a live run's
 * status carries its forecast against that rehearsal.
 */
import type { StatusDocument } from '../../workflows/status-document';
import type { ApiCall } from '../support/api-calls';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

let stack: ApiStack;
let call: ApiCall;

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
  call = stack.call;
});

afterAll(async () => {
  await stack?.stop();
});

/** A plan unique to this run (its hash too): a wait, then a manual sign-off that keeps a live run going. */
function guardedPlan(name: string, extra: Record<string, unknown> = { requireRehearsal: true }) {
  return testPlan(
    name,
    [
      {
        id: 'cutover',
        steps: [
          { id: 'drain', kind: 'wait', with: { duration: '400ms' } },
          { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', dependsOn: ['drain'], with: { instructions: 'Confirm', evidenceRequired: false } },
        ],
      },
    ],
    { description: uniqueId('guarded'), ...extra },
  );
}

const start = (plan: unknown, body: Record<string, unknown> = {}) => call('POST', '/api/v1/cutovers', { plan, id: uniqueId('guarded'), ...body });
const awaitingSignOff = (doc: StatusDocument) => doc.steps.some((s) => s.id === 'sign-off' && s.awaiting === 'completion');

test('a live start of a plan that requires a rehearsal is refused without one, and may be overridden with a reason', async () => {
  const plan = guardedPlan('guarded-refused');
  const refused = await start(plan);
  expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 409, code: 'rehearsal-required' });
  expect(refused.body.error.details.planHash).toMatch(/^[0-9a-f]{64}$/);
  // An empty reason is no reason.
  expect((await start(plan, { overrideRehearsal: ' ' })).status).toBe(422);

  const overridden = await start(plan, { overrideRehearsal: 'vendor window closes tonight; rehearsed on staging' });
  expect(overridden.status).toBe(201);
  const doc = await stack.status(overridden.body.id);
  expect(doc.actions[0]).toMatchObject({ action: 'override-rehearsal', reason: 'vendor window closes tonight; rehearsed on staging', operator: 'dana', roles: ['cutover-lead'], source: 'api' });
  expect(doc.forecast).toBeUndefined();
  // A plan without requireRehearsal starts as ever.
  expect((await start(guardedPlan('guarded-free', {}))).status).toBe(201);
});

test('once a rehearsal of the same plan completed, a live start goes ahead and its status forecasts against it', async () => {
  const plan = guardedPlan('guarded-rehearsed');
  const rehearsal = await start(plan, { mode: 'rehearsal', timeScale: 2 });
  expect(rehearsal.status).toBe(201);
  await stack.waitFor(rehearsal.body.id, awaitingSignOff);
  await call('POST', `/api/v1/cutovers/${rehearsal.body.id}/steps/sign-off/complete`, { evidence: 'rehearsed' });
  expect((await stack.waitFor(rehearsal.body.id, (doc) => doc.endedAt !== null)).state).toBe('completed');
  // Closed (its last notices delivered), so visibility lists it as completed.
  await stack.harness.client.workflow.getHandle(rehearsal.body.id).result();

  // The same plan with rehearsal-only fields still counts as rehearsed (they are not part of its hash).
  const live = await start(plan);
  expect(live.status).toBe(201);
  const running = await stack.waitFor(live.body.id, awaitingSignOff);
  expect(running.forecast).toMatchObject({ rehearsalId: rehearsal.body.id, step: 'sign-off' });
  // Where each run was at sign-off, in plan time: the rehearsal ran at twice the speed, so its wall time counts double.
  const rehearsed = await stack.status(rehearsal.body.id);
  const offset = (doc: StatusDocument) => Date.parse(doc.steps.find((s) => s.id === 'sign-off')!.startedAt!) - Date.parse(doc.startedAt);
  expect(running.forecast!.aheadMs).toBeCloseTo(offset(rehearsed) * 2 - offset(running), -1);
  const remaining = (Date.parse(rehearsed.endedAt!) - Date.parse(rehearsed.steps.find((s) => s.id === 'sign-off')!.startedAt!)) * 2;
  expect(Date.parse(running.forecast!.forecastEnd)).toBeCloseTo(Date.parse(running.steps.find((s) => s.id === 'sign-off')!.startedAt!) + remaining, -1);
  expect((await call('GET', `/api/v1/cutovers/${rehearsal.body.id}`)).body.forecast).toBeUndefined();
});
