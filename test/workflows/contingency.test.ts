/**
 * Contingency is not rollback, on the real dev server: a no-go runs only the contingency; a rollback
 * runs `rollback.first`, compensations in reverse order, then `rollback.then`; `when` skips a step
 * on record; an operator skips a waiting manual rollback step with a reason; `rollback.steps` plans
 * still behave as before.
 */
import type { StatusDocument } from '../../workflows/status-document';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendSignal, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { compensated, httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const paths = (name: string) => env.http.requests.map((r) => r.path).filter((p) => p.startsWith(`/${name}/`));
const stepOf = (doc: StatusDocument, id: string) => doc.steps.find((s) => s.id === id);

/** export (compensated) → a manual hold, so the cutover is mid-phase when an operator acts. */
function forwardPhases(name: string) {
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  return [
    {
      id: 'cutover',
      steps: [
        compensated(httpStep('publish-modules', url('publish-modules')), url('unpublish-modules')),
        compensated(httpStep('publish-flows', url('publish-flows'), ['publish-modules']), url('unpublish-flows')),
        { id: 'hold', kind: 'manual', dependsOn: ['publish-flows'], with: { instructions: 'hold the line', evidenceRequired: false } },
      ],
    },
  ];
}

/** The requests of forwardPhases, then numbers-to-legacy (first), compensations in reverse order, agents-to-legacy (then). */
const forwardThenRollback = (name: string) =>
  ['publish-modules', 'publish-flows', 'numbers-to-legacy', 'unpublish-flows', 'unpublish-modules', 'agents-to-legacy'].map((p) => `/${name}/${p}`);

test('a no-go runs the contingency only: no compensation, no rollback step', async () => {
  const name = 'ct-no-go';
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  const plan = testPlan(
    name,
    [
      { id: 'pre', steps: [compensated(httpStep('export', url('export')), url('undo-export'))] },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } }, steps: [httpStep('switch', url('switch'))] },
    ],
    {
      contingency: { steps: [httpStep('tell-agents', url('tell-agents')), httpStep('rebook-window', url('rebook'), ['tell-agents'], { when: { stepsSucceeded: ['export'] } })] },
      rollback: { first: [httpStep('numbers-to-legacy', url('numbers-to-legacy'))], then: [httpStep('agents-to-legacy', url('agents-to-legacy'))] },
    },
  );
  const id = await env.harness.start(plan);
  await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'no-go', reason: 'trunk errors', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'no-go-contingency-only');
  expect(doc.state).toBe('no-go');
  expect(paths(name)).toEqual([`/${name}/export`, `/${name}/tell-agents`, `/${name}/rebook`]);
  expect(stepOf(doc, 'tell-agents')).toMatchObject({ state: 'succeeded', section: 'contingency', phase: 'contingency' });
  expect(stepOf(doc, 'export')).toMatchObject({ state: 'succeeded', compensation: null });
  expect(stepOf(doc, 'numbers-to-legacy')).toMatchObject({ state: 'pending', section: 'rollback-first' });
  expect(stepOf(doc, 'agents-to-legacy')).toMatchObject({ state: 'pending', section: 'rollback-then' });
  expect(doc.rollback).toMatchObject({ stage: 'done' });
});

test('a rollback runs rollback.first, compensations in reverse order, then rollback.then; a false `when` is skipped on record', async () => {
  const name = 'ct-order';
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  const plan = testPlan(name, forwardPhases(name), {
    contingency: { steps: [httpStep('contingency-only', url('contingency-only'))] },
    rollback: {
      first: [httpStep('numbers-to-legacy', url('numbers-to-legacy'))],
      then: [
        httpStep('agents-to-legacy', url('agents-to-legacy'), [], { when: { stepsSucceeded: ['publish-flows'] } }),
        httpStep('close-hold', url('close-hold'), ['agents-to-legacy'], { when: { stepsSucceeded: ['hold'] } }),
      ],
    },
  });
  const id = await env.harness.start(plan);
  await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'hold')?.awaiting === 'completion');
  await sendUpdate(env.harness.client, id, 'rollback', { reason: 'IVR misroutes', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rollback-first-then');
  expect(doc.state).toBe('rolled-back');
  // publish-flows succeeded before it was compensated: the `when` of agents-to-legacy holds.
  expect(paths(name)).toEqual(forwardThenRollback(name));
  expect(stepOf(doc, 'close-hold')).toMatchObject({ state: 'skipped', section: 'rollback-then', skipReason: 'when: step hold did not succeed' });
  expect(stepOf(doc, 'contingency-only')?.state).toBe('pending');
  expect(doc.rollback).toMatchObject({ stage: 'done', requestedBy: 'dana' });
});

test('an operator skips a rollback step waiting for its manual completion, with a reason', async () => {
  const name = 'ct-skip';
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  const plan = testPlan(name, forwardPhases(name), {
    rollback: {
      first: [{ id: 'speed-dials', kind: 'manual', owner: 'ivr', with: { instructions: 'point legacy speed dials back' } }],
      then: [httpStep('agents-to-legacy', url('agents-to-legacy'))],
    },
  });
  const id = await env.harness.start(plan);
  await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'hold')?.awaiting === 'completion');
  await sendUpdate(env.harness.client, id, 'rollback', { reason: 'abort', ...lead });
  const waiting = await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'speed-dials')?.awaiting === 'completion');
  expect(waiting.waiting?.items).toEqual([expect.objectContaining({ kind: 'step', id: 'speed-dials', what: 'complete / skip', roles: ['ivr', 'cutover-lead'] })]);
  expect(waiting.rollback?.stage).toBe('rollback-first');
  expect(paths(name)).not.toContain(`/${name}/unpublish-flows`);

  const skip = { step: 'speed-dials', action: 'skip' };
  await expect(sendUpdate(env.harness.client, id, 'answerStep', { ...skip, operator: 'ivy', roles: ['ivr'] })).rejects.toMatchObject({ cause: { type: 'reason-required' } });
  await expect(sendUpdate(env.harness.client, id, 'answerStep', { ...skip, reason: 'x', operator: 'sam', roles: ['network'] })).rejects.toMatchObject({ cause: { type: 'role-not-allowed' } });
  await expect(sendUpdate(env.harness.client, id, 'answerStep', { ...skip, action: 'retry', reason: 'x', ...lead })).rejects.toMatchObject({ cause: { type: 'step-not-awaiting' } });
  await sendUpdate(env.harness.client, id, 'answerStep', { ...skip, reason: 'legacy dials were never changed', operator: 'ivy', roles: ['ivr'] });

  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rollback-manual-skip');
  expect(doc.state).toBe('rolled-back');
  expect(stepOf(doc, 'speed-dials')).toMatchObject({ state: 'skipped', section: 'rollback-first', skipReason: 'skipped by ivy: legacy dials were never changed', completion: null });
  expect(doc.actions).toContainEqual(expect.objectContaining({ action: 'skip', target: 'speed-dials', operator: 'ivy', reason: 'legacy dials were never changed' }));
  expect(paths(name).slice(-3)).toEqual([`/${name}/unpublish-flows`, `/${name}/unpublish-modules`, `/${name}/agents-to-legacy`]);
});

test('rollback.steps still run after compensations; without a contingency a no-go runs nothing', async () => {
  const name = 'ct-legacy';
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  const rolled = await env.harness.start(testPlan(name, forwardPhases(name), { rollback: { steps: [httpStep('revert-forwarding', url('revert'))] } }));
  await waitForStatus(env.harness.client, rolled, (doc) => stepOf(doc, 'hold')?.awaiting === 'completion');
  await sendUpdate(env.harness.client, rolled, 'rollback', { reason: 'abort', ...lead });
  const doc = await env.harness.finished(rolled);
  expect(doc.state).toBe('rolled-back');
  expect(paths(name).slice(-3)).toEqual([`/${name}/unpublish-flows`, `/${name}/unpublish-modules`, `/${name}/revert`]);
  expect(stepOf(doc, 'revert-forwarding')).toMatchObject({ state: 'succeeded', section: 'rollback-then', phase: 'rollback' });

  const gated = 'ct-legacy-no-go';
  const noGo = await env.harness.start(
    testPlan(gated, [{ id: 'cutover', gate: { id: 'gate', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } }, steps: [httpStep('switch', `${env.http.url}/${gated}/switch`)] }], {
      rollback: { steps: [httpStep('revert-forwarding', `${env.http.url}/${gated}/revert`)] },
    }),
  );
  await waitForStatus(env.harness.client, noGo, (d) => d.gates.some((g) => g.state === 'open'));
  await sendUpdate(env.harness.client, noGo, 'decide', { gate: 'gate', decision: 'no-go', reason: 'not ready', ...lead });
  const ended = await env.harness.finished(noGo);
  expect(ended.state).toBe('no-go');
  expect(stepState(ended, 'revert-forwarding')).toBe('pending');
  expect(paths(gated)).toEqual([]);
});

test('a rollback waiting in rollback.first continues as new and picks up in that section; nothing runs twice', async () => {
  const name = 'ct-can';
  const url = (p: string) => `${env.http.url}/${name}/${p}`;
  const plan = testPlan(name, forwardPhases(name), {
    rollback: {
      first: [httpStep('numbers-to-legacy', url('numbers-to-legacy')), { id: 'speed-dials', kind: 'manual', dependsOn: ['numbers-to-legacy'], with: { instructions: 'speed dials', evidenceRequired: false } }],
      then: [httpStep('agents-to-legacy', url('agents-to-legacy'))],
    },
  });
  const id = await env.harness.start(plan, { historyLimit: 60 });
  await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'hold')?.awaiting === 'completion');
  await sendUpdate(env.harness.client, id, 'rollback', { reason: 'abort', ...lead });
  const waiting = await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'speed-dials')?.awaiting === 'completion');
  // Rejected signals are recorded: they grow the history past its limit while the step waits.
  const handle = env.harness.client.workflow.getHandle(id);
  while ((await handle.describe()).historyLength < 60) await sendSignal(env.harness.client, id, 'pause', { operator: 'dana', roles: ['cutover-lead'] });
  // The hand-over waits for a quiet moment (a 1 ms timer), which a busy server may fire late.
  const resumed = await waitForStatus(env.harness.client, id, (doc) => (doc.run ?? 1) > (waiting.run ?? 1));
  expect(resumed.rollback?.stage).toBe('rollback-first');
  expect(stepOf(resumed, 'speed-dials')).toMatchObject({ state: 'running', awaiting: 'completion' });
  await sendUpdate(env.harness.client, id, 'completeStep', { step: 'speed-dials', evidence: 'done', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rollback-first-continue-as-new');
  expect(doc.state).toBe('rolled-back');
  expect(doc.run).toBeGreaterThan(waiting.run!);
  expect(paths(name)).toEqual(forwardThenRollback(name));
});
