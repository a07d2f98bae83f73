/**
 * Checklists are not throttled (issue 8 item 3): only steps that hold a worker count against
 * `maxParallel`. Manual steps and waits hold none, and a step waiting for an operator's answer
 * gives its slot back until a retry takes one again.
 */
import { startHarness, type Harness } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';

let harness: Harness;
let http: RecordingServer;

beforeAll(async () => {
  harness = await startHarness();
  http = await new RecordingServer().start();
});

afterAll(async () => {
  await harness?.stop();
  await http?.stop();
});

test('a 30-item manual readiness checklist is open all at once with maxParallel 2, while worker steps stay within 2', async () => {
  http.route('/slots/slow', { delayMs: 1500 });
  const checklist = Array.from({ length: 30 }, (_, i) => ({ id: `check-${i + 1}`, kind: 'manual', owner: 'cutover-lead', with: { instructions: `Readiness item ${i + 1}` } }));
  const workers = Array.from({ length: 4 }, (_, i) => httpStep(`export-${i + 1}`, `${http.url}/slots/slow`));
  const plan = testPlan('checklist', [{ id: 'readiness', steps: [...workers, ...checklist] }], { settings: { maxParallel: 2 } });
  const id = await harness.start(plan);
  const open = await waitForStatus(harness.client, id, (doc) => doc.steps.filter((s) => s.awaiting === 'completion').length === 30);
  // Every checklist item opened while the slow http steps were still under way, at most two of them.
  expect(open.steps.filter((s) => s.kind === 'http' && s.state === 'running').length).toBeLessThanOrEqual(2);
  for (const step of checklist) await sendUpdate(harness.client, id, 'completeStep', { step: step.id, evidence: 'done', ...lead });
  const done = await waitForStatus(harness.client, id, (doc) => doc.state === 'completed', 60_000);
  expect(done.stepCounts?.succeeded).toBe(34);
  expect(http.maxInFlight).toBeLessThanOrEqual(2);
  await recordHistoryIfAsked(harness.client, id, 'worker-slots-checklist');
});

test('a step waiting for an answer gives its slot back: with maxParallel 1 the next step runs meanwhile; a retry waits for a slot', async () => {
  http.route('/slots/flaky', { status: 503 });
  const plan = testPlan(
    'slot-release',
    [{ id: 'p', steps: [httpStep('flaky', `${http.url}/slots/flaky`), httpStep('next', `${http.url}/slots/next`), httpStep('last', `${http.url}/slots/last`)] }],
    { settings: { maxParallel: 1 } },
  );
  const id = await harness.start(plan);
  const waiting = await waitForStatus(harness.client, id, (doc) => stepState(doc, 'flaky') === 'awaiting-operator' && stepState(doc, 'last') === 'succeeded');
  expect(stepState(waiting, 'next')).toBe('succeeded');
  http.route('/slots/flaky', { status: 200 });
  await sendUpdate(harness.client, id, 'answerStep', { step: 'flaky', action: 'retry', reason: 'platform back', ...lead });
  const done = await waitForStatus(harness.client, id, (doc) => doc.state === 'completed');
  expect(stepState(done, 'flaky')).toBe('succeeded');
  await recordHistoryIfAsked(harness.client, id, 'worker-slots-answer');
});
