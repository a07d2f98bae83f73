/**
 * "What are we waiting for?" (issue 8 item 8, the state): the cutover is `awaiting-decision`
 * whenever a gate or any step waits for a person, a manual step's completion included, and goes
 * back to `running` once nobody is waited on.
 */
import { startHarness, type Harness } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { testPlan } from '../support/plans';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

test('a manual step waiting for completion makes the cutover awaiting-decision; completing it lets it run on', async () => {
  const plan = testPlan('manual-wait', [
    {
      id: 'p',
      steps: [
        { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Confirm the legacy export is archived' } },
        { id: 'soak', kind: 'wait', dependsOn: ['sign-off'], with: { duration: '1s' } },
      ],
    },
  ]);
  const id = await harness.start(plan);
  const waiting = await waitForStatus(harness.client, id, (doc) => doc.steps[0].awaiting === 'completion');
  expect(waiting.state).toBe('awaiting-decision');
  await sendUpdate(harness.client, id, 'completeStep', { step: 'sign-off', evidence: 'archived in the vault', ...lead });
  const soaking = await waitForStatus(harness.client, id, (doc) => doc.steps[1].state === 'running');
  expect(soaking.state).toBe('running');
  const done = await waitForStatus(harness.client, id, (doc) => doc.state === 'completed');
  expect(done.steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded']);
  await recordHistoryIfAsked(harness.client, id, 'manual-step-awaiting-decision');
});
