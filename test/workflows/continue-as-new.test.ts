/**
 * Continue-as-new on the real dev server: a cutover whose history passes its limit hands the
 * run aggregate to a new run, again and again, while operators decide, complete and report;
 * nothing is lost, no step runs twice, and the history is the chain of the runs.
 */
import { CutoverOperations } from '../../api/cutover-operations';
import { finalSummary } from '../../api/cutover-service';
import { summaryQuery } from '../../workflows/messages';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendSignal, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const leads = ['dana', 'lee', 'kim', 'ash', 'max', 'sol'];

test('a run continues as new while decisions, completions and issues arrive; nothing is lost, nothing runs twice', async () => {
  const url = (path: string) => `${env.http.url}/can/${path}`;
  const prepare = Array.from({ length: 24 }, (_, i) => httpStep(`export-${i}`, url(`export-${i}`), i >= 4 ? [`export-${i - 4}`] : []));
  const plan = testPlan(
    'continue-as-new',
    [
      {
        id: 'prepare',
        steps: [...prepare, { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', dependsOn: ['export-23'], with: { instructions: 'Sign the change', evidenceRequired: true } }],
      },
      {
        id: 'cutover',
        gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: leads.length } },
        steps: [httpStep('switch-numbers', url('switch-numbers')), { id: 'soak', kind: 'wait', dependsOn: ['switch-numbers'], with: { duration: '1500ms' } }, httpStep('announce', url('announce'), ['soak'])],
      },
    ],
    // Half the approvals come from the Temporal UI, which may act (unverified) in this plan.
    { settings: { maxParallel: 4, temporalUi: 'act' } },
  );
  const id = await env.harness.start(plan, { historyLimit: 40 });
  const handle = env.harness.client.workflow.getHandle(id);

  // An issue while the exports run (and runs turn over underneath).
  await sendUpdate(env.harness.client, id, 'reportIssue', { severity: 'medium', summary: 'wallboard lags', ...lead });
  await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'sign-off') === 'running', 60_000);
  await sendUpdate(env.harness.client, id, 'completeStep', { step: 'sign-off', evidence: 'CHG-42', ...lead });
  await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'go-no-go' && g.state === 'open'), 60_000);

  // Six approvals at once, by update and by signal: each adds history, so runs turn over while they land.
  await Promise.all(
    leads.map((operator, i) => {
      const payload = { gate: 'go-no-go', decision: 'go', reason: `ready (${operator})`, operator, roles: ['cutover-lead'], source: 'api' };
      return i % 2 === 0 ? sendUpdate(env.harness.client, id, 'decide', payload) : sendSignal(env.harness.client, id, 'decide', { ...payload, source: 'temporal-ui' });
    }),
  );

  const summary = await finalSummary(handle);
  expect(summary).toMatchObject({ state: 'completed' });
  expect(summary!.run).toBeGreaterThan(2);
  expect((await handle.describe()).memo).toMatchObject({ state: 'completed' });
  const doc = await handle.query(summaryQuery);
  expect(doc.run).toBe(summary!.run);
  const status = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'continue-as-new-chain-dag-wake');
  expect(status.steps.every((step) => step.state === 'succeeded')).toBe(true);
  expect(status.decisions.map((d) => d.operator).sort()).toEqual([...leads].sort());
  expect(status.decisions.filter((d) => d.effect === 'decided')).toHaveLength(1);
  expect(status.issues).toEqual([expect.objectContaining({ id: 'ISS-1', summary: 'wallboard lags' })]);
  expect(status.steps.find((s) => s.id === 'sign-off')!.completion).toMatchObject({ operator: 'dana', evidence: 'CHG-42' });
  expect(status.rejected).toEqual([]);
  // Every request reached its endpoint once: no step ran again in a later run.
  const paths = env.http.requests.filter((r) => r.path.startsWith('/can/')).map((r) => r.path);
  expect(paths.length).toBe(26);
  expect(new Set(paths).size).toBe(26);
  // The history is the chain of the runs, each of them bounded.
  const chain = JSON.parse(await new CutoverOperations(env.harness.client).history(id)) as { runs: { events: unknown[] }[] };
  expect(chain.runs).toHaveLength(summary!.run);
  for (const run of chain.runs) expect(run.events.length).toBeLessThan(200);
}, 180_000);
