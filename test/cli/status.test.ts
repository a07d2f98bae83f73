/**
 * `golive status <id>` answers "what are we waiting for?" on the real API, dev server and worker:
 * an open gate with its approvals so far, the people still awaited and its deadline; a step waiting
 * and for whom; the latest evaluation of each metric against its limit; open issues by severity and
 * age; the rollback and its reason. A rollback decision prints the state after the rollback started.
 */
import type { StatusDocument } from '../../workflows/status-document';
import { testTokens } from '../support/api-stack';
import { useCliStack } from '../support/cli-stack';
import { recordHistoryIfAsked } from '../support/histories';
import { compensated, httpStep, testPlan } from '../support/plans';
import { runCli } from '../support/run-cli';

const { ctx, golive } = useCliStack();
const stepOf = (doc: StatusDocument, id: string) => doc.steps.find((s) => s.id === id)!;

const stakeholders = [
  { name: 'Dana', role: 'cutover-lead' },
  { name: 'Lee', role: 'cutover-lead' },
  { name: 'Sam', role: 'network' },
];

test('status shows the open gate with its awaited approvers, waiting steps, evaluations, issues and the rollback', async () => {
  ctx.http.route('/aht', { status: 200, body: { value: 540 } });
  const plan = testPlan(
    'cli-status',
    [
      {
        id: 'cutover',
        gate: { id: 'go-live', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 }, timeout: '1h' },
        steps: [
          compensated(httpStep('publish-flows', `${ctx.http.url}/publish`), `${ctx.http.url}/unpublish`),
          { id: 'test-call', kind: 'manual', owner: 'network', dependsOn: ['publish-flows'], with: { instructions: 'Place a test call' } },
        ],
      },
      {
        id: 'hypercare',
        steps: [{ id: 'hold', kind: 'noop' }],
        checkpoints: { every: '200ms', count: 1, metrics: [{ id: 'aht', source: { kind: 'http', url: `${ctx.http.url}/aht`, path: 'value' }, baseline: 400, max: '+15%' }], onBreach: 'decide' },
      },
    ],
    { stakeholders },
  );
  const id = await ctx.stack.startCutover(plan, 'cli-status');
  await ctx.stack.waitFor(id, (doc) => doc.gates[0]?.state === 'open');
  expect((await golive('decide', id, 'go-live', 'go', '--reason', 'ready')).stdout).toBe('gate go-live: 1 of 2 approvals; cutover awaiting-decision\n');

  const gateView = await golive('status', id);
  expect(gateView.code).toBe(0);
  expect(gateView.stdout).toMatch(/^waiting for \(1\):$/m);
  // Dana approved: Lee is the one awaited; the deadline is the gate's timeout.
  expect(gateView.stdout).toMatch(/^ {2}gate go-live: decide go \/ no-go; 1 of 2 approvals by dana; awaited: cutover-lead \(Lee\), waiting \d+s, deadline \d{4}-\d\d-\d\dT[\d:.]+Z$/m);
  const doc = await ctx.stack.status(id);
  expect(doc.waiting).toEqual({ total: 1, items: [expect.objectContaining({ kind: 'gate', id: 'go-live', approvedBy: ['dana'], quorum: 2, awaited: ['Lee'], deadline: doc.gates[0].deadline })] });

  expect((await runCli('decide', id, 'go-live', 'go', '--api', ctx.stack.api.url, '--token', testTokens.lee.token)).stdout).toBe('gate go-live: decided go; cutover running\n');
  await ctx.stack.waitFor(id, (d) => stepOf(d, 'test-call').awaiting === 'completion');
  expect((await golive('issue', 'report', id, '--severity', 'low', '--summary', 'Hold music quiet')).stdout).toBe('ISS-1\n');
  expect((await golive('issue', 'report', id, '--severity', 'critical', '--summary', 'Callers hear silence')).stdout).toBe('ISS-2\n');

  const stepView = (await golive('status', id)).stdout;
  expect(stepView).toMatch(/^ {2}step test-call: complete; awaited: network \/ cutover-lead \(Sam, Dana, Lee\), waiting \d+s$/m);
  // Worst first.
  expect(stepView).toMatch(/^open issues \(2\):\n {2}ISS-2 {2}critical +\d+s {2}Callers hear silence\n {2}ISS-1 {2}low +\d+s {2}Hold music quiet$/m);

  await golive('issue', 'resolve', id, 'ISS-2', '--resolution', 'in-queue flow republished');
  await golive('complete', id, 'test-call', '--evidence', 'call 14:02 ok');
  await ctx.stack.waitFor(id, (d) => d.gates.some((gate) => gate.id === 'hypercare-checkpoint-1' && gate.state === 'open'));
  const checkpointView = (await golive('status', id)).stdout;
  expect(checkpointView).toMatch(/^latest evaluations:\n {2}aht = 540 \(max 460\) breached at hypercare-checkpoint-1: aht 540 above max 460 \(\+15% of baseline 400\)$/m);
  expect(checkpointView).toMatch(/^ {2}gate hypercare-checkpoint-1: decide continue \/ pause \/ rollback; 0 of 1 approvals; awaited: cutover-lead \(Dana, Lee\)/m);
  expect(checkpointView).toMatch(/^open issues \(1\):\n {2}ISS-1 /m);

  // Not "running": the checkpoint acts on the decision before the answer is sent.
  expect((await golive('decide', id, 'hypercare-checkpoint-1', 'rollback', '--reason', 'AHT far above legacy')).stdout).toMatch(/^gate hypercare-checkpoint-1: decided rollback; cutover rolling-back\n$/);
  const done = await ctx.stack.harness.finished(id);
  expect(done.state).toBe('rolled-back');
  const rolledBack = (await golive('status', id)).stdout;
  expect(rolledBack).toMatch(/^cli-status\S* {2}cli-status {2}live {2}rolled-back/m);
  expect(rolledBack).toMatch(/^rollback: checkpoint hypercare-checkpoint-1: .*aht 540 above max 460.* \(by dana at \S+, ended \S+\)$/m);
  expect(rolledBack).not.toMatch(/^waiting for/m);
  expect(ctx.http.requests.map((r) => r.path)).toContain('/unpublish');
  await recordHistoryIfAsked(ctx.stack.harness.client, id, 'checkpoint-rollback-ack');
});
