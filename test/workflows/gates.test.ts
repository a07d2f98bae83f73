/** Go/no-go gates on the real dev server: quorum, no-go contingency, timeout, criteria, rejected messages. */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendSignal, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const gatedPlan = (name: string, gate: Record<string, unknown>) =>
  testPlan(
    name,
    [
      { id: 'pre', steps: [httpStep('export', `${env.http.url}/${name}/export`)] },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 }, ...gate }, steps: [httpStep('switch', `${env.http.url}/${name}/switch`)] },
    ],
    { contingency: { steps: [httpStep('revert-forwarding', `${env.http.url}/${name}/revert`)] } },
  );

const openGate = (id: string) => waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'go-no-go' && g.state === 'open'));

test('go: a quorum of two distinct approvers opens the phase; every decision is on record', async () => {
  const id = await env.harness.start(gatedPlan('gate-go', {}));
  const open = await openGate(id);
  expect(open.state).toBe('awaiting-decision');
  expect(stepState(open, 'switch')).toBe('pending');

  const afterFirst = await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', reason: 'network ready', ...lead });
  expect(afterFirst).toMatchObject({ message: 'decide', target: 'go-no-go', effect: 'approval', state: 'awaiting-decision', gate: { state: 'open', approvals: 1, quorum: 2 } });
  expect(afterFirst.waitingFor).toEqual([expect.objectContaining({ kind: 'gate', id: 'go-no-go', what: 'decide go / no-go', roles: ['cutover-lead'], approvedBy: ['dana'], quorum: 2 })]);
  expect((await env.harness.status(id)).gates[0]).toMatchObject({ state: 'open', approvals: [{ operator: 'dana' }] });
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', reason: 'IVR ready', operator: 'lee', roles: ['cutover-lead'], source: 'cli' });

  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'gate-go-quorum');
  expect(doc.state).toBe('completed');
  expect(doc.gates[0]).toMatchObject({ state: 'decided', decision: 'go' });
  expect(doc.decisions.map((d) => [d.operator, d.decision, d.effect, d.source])).toEqual([
    ['dana', 'go', 'approval', 'api'],
    ['lee', 'go', 'decided', 'cli'],
  ]);
  expect(doc.decisions[1].roles).toEqual(['cutover-lead']);
  expect(env.http.requests.filter((r) => r.path === '/gate-go/switch')).toHaveLength(1);
});

test('no-go: the contingency runs and the cutover ends no-go', async () => {
  const id = await env.harness.start(gatedPlan('gate-no-go', {}));
  await openGate(id);
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'no-go', reason: 'trunk errors', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'gate-no-go-contingency');
  expect(doc.state).toBe('no-go');
  expect(stepState(doc, 'switch')).toBe('pending');
  expect(stepState(doc, 'revert-forwarding')).toBe('succeeded');
  expect(env.http.requests.map((r) => r.path)).toContain('/gate-no-go/revert');
  expect(env.http.requests.map((r) => r.path)).not.toContain('/gate-no-go/switch');
});

test('a gate that times out follows onTimeout (no-go), recorded as an automatic decision', async () => {
  const id = await env.harness.start(gatedPlan('gate-timeout', { timeout: '1s', onTimeout: 'no-go' }));
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('no-go');
  expect(doc.decisions).toEqual([expect.objectContaining({ gate: 'go-no-go', decision: 'no-go', source: 'auto', operator: 'golive' })]);
  expect(doc.decisions[0].reason).toContain('no decision within 1s');
});

test('onTimeout go is refused while a criterion is unmet (an open critical issue)', async () => {
  const id = await env.harness.start(gatedPlan('gate-criteria', { timeout: '2s', onTimeout: 'go', criteria: { stepsSucceeded: ['export'], noOpenIssuesAtOrAbove: 'high' } }));
  await openGate(id);
  await sendUpdate(env.harness.client, id, 'reportIssue', { severity: 'critical', summary: 'calls drop after IVR menu', callerAni: '+15551230000', csrUsername: 'agent7', ...lead });
  const rejected = sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', ...lead });
  await expect(rejected).rejects.toMatchObject({ cause: { type: 'criteria-not-met' } });
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('no-go');
  expect(doc.decisions[0].reason).toContain('criteria not met');
  expect(doc.issues[0]).toMatchObject({ id: 'ISS-1', severity: 'critical', callerAni: '+15551230000', csrUsername: 'agent7', state: 'open' });
});

test('invalid signals are recorded as rejected and never acted on; invalid updates leave the status identical', async () => {
  const id = await env.harness.start(gatedPlan('gate-rejections', {}));
  const before = await openGate(id);
  const attempts: Array<[Record<string, unknown>, string]> = [
    [{ gate: 'nope', decision: 'go', ...lead }, 'unknown-gate'],
    [{ gate: 'go-no-go', decision: 'continue', ...lead }, 'invalid-decision'],
    [{ gate: 'go-no-go', decision: 'go', operator: 'sam', roles: ['network'] }, 'role-not-allowed'],
    [{ gate: 'go-no-go', decision: 'maybe', ...lead }, 'invalid-payload'],
  ];
  for (const [payload, code] of attempts) {
    await expect(sendUpdate(env.harness.client, id, 'decide', payload)).rejects.toMatchObject({ cause: { type: code } });
  }
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', ...lead });
  const counted = await env.harness.status(id);
  await expect(sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', ...lead })).rejects.toMatchObject({ cause: { type: 'already-counted' } });
  expect(JSON.stringify(await env.harness.status(id))).toBe(JSON.stringify(counted));
  expect(counted.decisions).toHaveLength(1);
  expect(before.rejected).toEqual([]);

  await sendSignal(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', operator: 'sam', roles: ['network'], source: 'api' });
  const doc = await waitForStatus(env.harness.client, id, (d) => d.rejected.length === 1);
  expect(doc.rejected[0]).toMatchObject({ message: 'decide', code: 'role-not-allowed' });
  expect(doc.gates[0].approvals).toHaveLength(1);

  // A valid (attested) signal counts like an update, recorded with its source.
  await sendSignal(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', operator: 'lee', roles: ['cutover-lead'], source: 'cli' });
  const done = await env.harness.finished(id);
  expect(done.state).toBe('completed');
  expect(done.decisions[1]).toMatchObject({ operator: 'lee', source: 'cli', verified: true, effect: 'decided' });
});

test('the Temporal UI sees every handler with its description, and a current-details summary of what waits', async () => {
  const id = await env.harness.start(gatedPlan('gate-metadata', {}));
  await openGate(id);
  const metadata = (await env.harness.client.workflow.getHandle(id).query('__temporal_workflow_metadata')) as {
    definition: { updateDefinitions: { name: string; description?: string }[]; signalDefinitions: { name: string; description?: string }[]; queryDefinitions: { name: string; description?: string }[] };
    currentDetails: string;
  };
  const names = (defs: { name: string; description?: string }[]) => defs.filter((d) => d.description).map((d) => d.name).sort();
  const messages = ['answerStep', 'completeStep', 'decide', 'pause', 'reportIssue', 'resolveIssue', 'resume', 'rollback'];
  expect(names(metadata.definition.updateDefinitions)).toEqual(messages);
  expect(names(metadata.definition.signalDefinitions)).toEqual(messages);
  expect(names(metadata.definition.queryDefinitions)).toContain('status');
  expect(metadata.currentDetails).toContain('awaiting-decision');
  expect(metadata.currentDetails).toContain('Gate `go-no-go` open');
  await env.harness.client.workflow.getHandle(id).terminate('test done');
});
