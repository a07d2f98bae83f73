/**
 * A rehearsal's script on the real dev server: the workflow makes every kind of recorded message
 * again (a quorum's two approvals, an issue reported and resolved, pause and resume, a manual
 * completion) at its time, through the same validation, on record as source rehearsal-script,
 * while the run continues as new underneath: entries still pending carry over.
 */
import type { CutoverInput, RehearsalScriptEntry } from '../../workflows/cutover-input';
import { finishedDocument, useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { testPlan } from '../support/plans';
import { validatePlan } from '../../plan';
import { uniqueId } from '../support/temporal-env';

const env = useCutoverTestEnv();

const dana = { operator: 'dana', roles: ['cutover-lead'] };
const lee = { operator: 'lee', roles: ['cutover-lead'] };

const script: RehearsalScriptEntry[] = [
  { at: 50, message: 'decide', payload: { gate: 'go-no-go', decision: 'go', reason: 'network ready', ...dana } },
  { at: 80, message: 'decide', payload: { gate: 'go-no-go', decision: 'go', reason: 'IVR ready', ...lee } },
  { at: 200, message: 'reportIssue', payload: { severity: 'medium', summary: 'wallboard lags', ...dana } },
  { at: 300, message: 'pause', payload: { reason: 'carrier window', ...dana } },
  { at: 450, message: 'resolveIssue', payload: { issue: 'ISS-1', resolution: 'refreshed', ...dana } },
  { at: 500, message: 'resume', payload: { reason: 'window closed', ...dana } },
  { at: 700, message: 'completeStep', payload: { step: 'sign-off', evidence: 'CHG-42', ...dana } },
];

test('every kind of recorded message is made again at its time, across continue-as-new', async () => {
  const waits = Array.from({ length: 4 }, (_, i) => ({ id: `drain-${i}`, kind: 'wait', dependsOn: i === 0 ? [] : [`drain-${i - 1}`], with: { duration: '100ms' } }));
  const validated = validatePlan(
    testPlan('script-can', [
      {
        id: 'cutover',
        gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } },
        steps: [...waits, { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', dependsOn: ['drain-3'], with: { instructions: 'Sign off' } }],
      },
    ]),
  );
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const id = uniqueId('script-can');
  const input: CutoverInput = { plan: validated.plan, mode: 'rehearsal', comms: 'off', historyLimit: 25, rehearsalOf: 'weekend.json', script };
  await env.harness.client.workflow.start('cutoverWorkflow', { workflowId: id, taskQueue: env.harness.taskQueue, args: [input] });
  const doc = await finishedDocument(env.harness.client, id);
  await recordHistoryIfAsked(env.harness.client, id, 'rehearsal-script-continue-as-new');

  expect(doc.state).toBe('completed');
  expect(doc.run).toBeGreaterThan(1);
  expect(doc.rehearsalOf).toBe('weekend.json');
  expect(doc.script?.map((e) => [e.n, e.state])).toEqual(script.map((_, i) => [i + 1, 'applied']));
  // Each at or after its time (unscaled here), in the order recorded.
  const applied = doc.script!.map((e) => Date.parse(e.appliedAt!) - Date.parse(doc.startedAt));
  applied.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(script[i].at));
  expect(doc.decisions.map((d) => [d.operator, d.effect, d.source])).toEqual([
    ['dana', 'approval', 'rehearsal-script'],
    ['lee', 'decided', 'rehearsal-script'],
  ]);
  expect(doc.issues[0]).toMatchObject({ state: 'resolved', reportedBy: 'dana', resolvedBy: 'dana', source: 'rehearsal-script' });
  expect(doc.actions.filter((a) => ['pause', 'resume', 'complete-step'].includes(a.action)).map((a) => [a.action, a.source, a.verified])).toEqual([
    ['pause', 'rehearsal-script', true],
    ['resume', 'rehearsal-script', true],
    ['complete-step', 'rehearsal-script', true],
  ]);
});

test('a message claiming source rehearsal-script from outside is refused as forged', async () => {
  const validated = validatePlan(testPlan('script-forged', [{ id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } }, steps: [{ id: 'switch', kind: 'noop' }] }]));
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const id = await env.harness.start(validated.plan);
  const handle = env.harness.client.workflow.getHandle(id);
  await expect(handle.executeUpdate('decide', { args: [{ gate: 'go-no-go', decision: 'go', ...dana, source: 'rehearsal-script' }] })).rejects.toMatchObject({
    cause: { type: 'forged', message: expect.stringContaining('source "rehearsal-script" is golive itself') },
  });
  await handle.terminate('test done');
});
