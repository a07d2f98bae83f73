/** Guided failure and rollback on the real dev server: retry, skip, rollback, compensation order and failure. */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { compensated, httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const awaiting = (id: string, step: string) => waitForStatus(env.harness.client, id, (doc) => stepState(doc, step) === 'awaiting-operator');

/** publish-flow fails until its route is fixed; notify-vendor depends on it. */
function failingPlan(name: string) {
  env.http.route(`/${name}/publish`, { status: 503 });
  return testPlan(name, [
    {
      id: 'cutover',
      steps: [
        httpStep('publish-flow', `${env.http.url}/${name}/publish`, [], { owner: 'ivr' }),
        httpStep('notify-vendor', `${env.http.url}/${name}/notify`, ['publish-flow']),
      ],
    },
  ]);
}

test('a failed step waits for an operator; retry runs it again', async () => {
  const id = await env.harness.start(failingPlan('gf-retry'));
  const waiting = await awaiting(id, 'publish-flow');
  expect(waiting.state).toBe('awaiting-decision');
  expect(waiting.steps[0]).toMatchObject({ awaiting: 'retry-skip-rollback', error: { type: 'UnexpectedStatus' } });
  env.http.route('/gf-retry/publish', { status: 200 });
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'retry', reason: 'module republished', operator: 'ivy', roles: ['ivr'] });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'guided-failure-retry');
  expect(doc.state).toBe('completed');
  expect(doc.steps[0]).toMatchObject({ state: 'succeeded', runs: 2 });
  expect(doc.actions).toEqual([expect.objectContaining({ action: 'retry', target: 'publish-flow', operator: 'ivy' })]);
});

test('skip marks the step skipped and its dependents run', async () => {
  const id = await env.harness.start(failingPlan('gf-skip'));
  await awaiting(id, 'publish-flow');
  await expect(sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'skip', operator: 'sam', roles: ['network'] })).rejects.toMatchObject({
    cause: { type: 'role-not-allowed' },
  });
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'skip', reason: 'not needed for pilot', ...lead });
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('completed');
  expect(doc.steps.map((s) => s.state)).toEqual(['skipped', 'succeeded']);
});

test('answering rollback rolls the cutover back', async () => {
  const id = await env.harness.start(failingPlan('gf-rollback'));
  await awaiting(id, 'publish-flow');
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'rollback', reason: 'vendor down', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'guided-failure-rollback');
  expect(doc.state).toBe('rolled-back');
  expect(doc.rollback).toMatchObject({ requestedBy: 'dana' });
  expect(stepState(doc, 'notify-vendor')).toBe('pending');
});

test('onFailure continue carries on; onFailure rollback rolls back without asking', async () => {
  env.http.route('/gf-continue/optional', { status: 500 });
  const cont = await env.harness.start(
    testPlan('gf-continue', [{ id: 'p', steps: [httpStep('optional', `${env.http.url}/gf-continue/optional`, [], { onFailure: 'continue' }), httpStep('after', `${env.http.url}/gf-continue/after`, ['optional'])] }]),
  );
  const continued = await env.harness.finished(cont);
  expect(continued.state).toBe('completed');
  expect(continued.steps.map((s) => s.state)).toEqual(['failed', 'succeeded']);

  env.http.route('/gf-auto/critical', { status: 500 });
  const auto = await env.harness.start(testPlan('gf-auto', [{ id: 'p', steps: [httpStep('critical', `${env.http.url}/gf-auto/critical`, [], { onFailure: 'rollback' })] }]));
  const rolled = await env.harness.finished(auto);
  expect(rolled.state).toBe('rolled-back');
  expect(rolled.rollback).toMatchObject({ requestedBy: 'golive' });
  expect(rolled.rollback!.reason).toContain('critical failed');
});

test('rollback compensates in reverse dependency order, as timed by the receiving endpoint', async () => {
  const name = 'rb-order';
  // tables → modules → (queue-flow, inbound-flow) → routing; independent branches may compensate in parallel.
  const step = (id: string, deps: string[]) => compensated(httpStep(id, `${env.http.url}/${name}/do/${id}`, deps), `${env.http.url}/${name}/undo/${id}`);
  for (const id of ['tables', 'modules', 'queue-flow', 'inbound-flow', 'routing']) env.http.route(`/${name}/undo/${id}`, { delayMs: 100 });
  env.http.route(`/${name}/fail`, { status: 500 });
  const steps = [
    step('tables', []),
    step('modules', ['tables']),
    step('queue-flow', ['modules']),
    step('inbound-flow', ['modules']),
    httpStep('no-undo', `${env.http.url}/${name}/do/no-undo`, ['queue-flow']),
    step('routing', ['inbound-flow', 'no-undo']),
    httpStep('smoke-test', `${env.http.url}/${name}/fail`, ['routing'], { onFailure: 'rollback' }),
  ];
  const id = await env.harness.start(
    testPlan(name, [{ id: 'cutover', steps }], { rollback: { steps: [httpStep('revert-numbers', `${env.http.url}/${name}/revert-numbers`)] } }),
  );
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rollback-compensation-order');
  expect(doc.state).toBe('rolled-back');
  const undo = new Map(env.http.requests.filter((r) => r.path.startsWith(`/${name}/undo/`)).map((r) => [r.path.split('/').pop()!, r]));
  expect([...undo.keys()].sort()).toEqual(['inbound-flow', 'modules', 'queue-flow', 'routing', 'tables']);
  // Every compensation starts after the compensations of the steps that depend on it have ended.
  const dependents: Record<string, string[]> = { tables: ['modules'], modules: ['queue-flow', 'inbound-flow'], 'queue-flow': ['routing'], 'inbound-flow': ['routing'] };
  for (const [stepId, after] of Object.entries(dependents)) {
    for (const dependent of after) expect(undo.get(stepId)!.startedAt).toBeGreaterThanOrEqual(undo.get(dependent)!.endedAt);
  }
  // The two flows do not depend on each other: their compensations overlapped.
  const [queue, inbound] = [undo.get('queue-flow')!, undo.get('inbound-flow')!];
  expect(Math.max(queue.startedAt, inbound.startedAt)).toBeLessThan(Math.min(queue.endedAt, inbound.endedAt));
  // The plan's own rollback procedure runs after every compensation.
  const revert = env.http.requests.find((r) => r.path === `/${name}/revert-numbers`)!;
  expect(revert.startedAt).toBeGreaterThanOrEqual(Math.max(...[...undo.values()].map((r) => r.endedAt)));
  expect(stepState(doc, 'no-undo')).toBe('succeeded');
});

test('a failing compensation waits for an operator, and retry completes the rollback', async () => {
  const name = 'rb-comp-fail';
  env.http.route(`/${name}/undo`, { status: 503 });
  const id = await env.harness.start(testPlan(name, [{ id: 'p', steps: [compensated(httpStep('switch', `${env.http.url}/${name}/do`), `${env.http.url}/${name}/undo`), { id: 'hold', kind: 'wait', with: { duration: '1h' }, dependsOn: ['switch'] }] }]));
  await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'switch') === 'succeeded');
  await sendUpdate(env.harness.client, id, 'rollback', { reason: 'abort rehearsal', ...lead });
  const failed = await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'switch') === 'compensation-failed');
  expect(failed.state).toBe('rolling-back');
  expect(failed.steps[0]).toMatchObject({ awaiting: 'retry-skip', compensation: { state: 'failed' } });
  await expect(sendUpdate(env.harness.client, id, 'answerStep', { step: 'switch', action: 'rollback', ...lead })).rejects.toMatchObject({ cause: { type: 'invalid-decision' } });
  env.http.route(`/${name}/undo`, { status: 200 });
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'switch', action: 'retry', reason: 'endpoint back', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'compensation-failure-retry');
  expect(doc.state).toBe('rolled-back');
  expect(doc.steps[0]).toMatchObject({ state: 'compensated', compensation: { state: 'succeeded' } });
  expect(doc.steps[1].state).toBe('failed'); // the wait, cancelled by the rollback
  expect(env.http.requests.filter((r) => r.path === `/${name}/undo`).map((r) => r.status)).toEqual([503, 200]);
});
