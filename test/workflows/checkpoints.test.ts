/** Hypercare checkpoints on the real dev server: all-pass, breach → decide, breach → rollback, issue-driven breach. */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { compensated, httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

/** A hypercare phase whose metrics come from the recording server's /<name>/stats JSON. */
function hypercarePlan(name: string, checkpoints: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return testPlan(
    name,
    [
      { id: 'cutover', steps: [compensated(httpStep('switch-dnis', `${env.http.url}/${name}/switch`), `${env.http.url}/${name}/unswitch`)] },
      {
        id: 'hypercare',
        checkpoints: {
          every: '300ms',
          count: 2,
          metrics: [
            { id: 'aht', source: { kind: 'http', url: `${env.http.url}/${name}/stats`, path: 'aht' }, baseline: 320, max: '+15%' },
            { id: 'service-level', source: { kind: 'http', url: `${env.http.url}/${name}/stats`, path: 'serviceLevel' }, baseline: 0.8, min: '-5%' },
            { id: 'abandon-rate', source: { kind: 'static', value: 0.05 }, max: 0.08 },
          ],
          ...checkpoints,
        },
      },
    ],
    extra,
  );
}

test('all metrics within thresholds: every checkpoint is an automatic, recorded continue', async () => {
  env.http.route('/cp-pass/stats', { body: { aht: 350, serviceLevel: 0.79 } });
  const id = await env.harness.start(hypercarePlan('cp-pass', {}));
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'checkpoints-all-pass');
  expect(doc.state).toBe('completed');
  const checkpoints = doc.gates.filter((g) => g.kind === 'checkpoint');
  expect(checkpoints.map((g) => [g.id, g.decision])).toEqual([
    ['hypercare-checkpoint-1', 'continue'],
    ['hypercare-checkpoint-2', 'continue'],
  ]);
  const evaluation = checkpoints[0].evaluation!;
  expect(evaluation.breached).toBe(false);
  expect(evaluation.evaluations).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: 'aht', value: 350, max: 368, breached: false }),
      expect.objectContaining({ id: 'service-level', value: 0.79, min: 0.76, breached: false }),
    ]),
  );
  expect(doc.decisions.every((d) => d.source === 'auto' && d.decision === 'continue')).toBe(true);
});

test('a breach waits for a decision; continue goes on to the next checkpoint', async () => {
  env.http.route('/cp-continue/stats', { body: { aht: 400, serviceLevel: 0.8 } });
  const id = await env.harness.start(hypercarePlan('cp-continue', { count: 1 }));
  const open = await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  expect(open.state).toBe('awaiting-decision');
  expect(open.gates[0].evaluation!.reasons.join()).toContain('aht 400');
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'hypercare-checkpoint-1', decision: 'continue', reason: 'AHT spike expected in week one', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'checkpoint-breach-continue');
  expect(doc.state).toBe('completed');
  expect(doc.decisions).toEqual([expect.objectContaining({ decision: 'continue', operator: 'dana', reason: 'AHT spike expected in week one' })]);
});

test('a breach decided as rollback compensates the cutover and ends rolled-back', async () => {
  env.http.route('/cp-rollback/stats', { body: { aht: 300, serviceLevel: 0.5 } });
  const id = await env.harness.start(hypercarePlan('cp-rollback', { count: 1 }));
  await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'hypercare-checkpoint-1', decision: 'rollback', reason: 'service level collapsed', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'checkpoint-breach-rollback');
  expect(doc.state).toBe('rolled-back');
  expect(doc.rollback).toMatchObject({ requestedBy: 'dana' });
  expect(doc.steps.find((s) => s.id === 'switch-dnis')).toMatchObject({ state: 'compensated', compensation: { state: 'succeeded' } });
  expect(env.http.requests.map((r) => r.path)).toContain('/cp-rollback/unswitch');
});

test('onBreach rollback needs no human; an unreadable metric is a breach', async () => {
  const id = await env.harness.start(
    hypercarePlan('cp-auto-rollback', {
      count: 1,
      onBreach: 'rollback',
      metrics: [{ id: 'trunk-errors', source: { kind: 'http', url: `${env.http.url}/cp-auto-rollback/missing`, path: 'errors' }, max: 5 }],
    }),
  );
  env.http.route('/cp-auto-rollback/missing', { status: 404 });
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('rolled-back');
  expect(doc.decisions[0]).toMatchObject({ decision: 'rollback', source: 'auto' });
  expect(doc.gates[0].evaluation!.reasons[0]).toContain('trunk-errors');
});

test('rollback criteria: a critical issue left unresolved breaches the next checkpoint', async () => {
  env.http.route('/cp-issue/stats', { body: { aht: 320, serviceLevel: 0.8 } });
  const id = await env.harness.start(
    hypercarePlan('cp-issue', { every: '1500ms', count: 2, onBreach: 'decide' }, { rollbackCriteria: { unresolvedIssue: { severity: 'critical', olderThan: '200ms' } } }),
  );
  await waitForStatus(env.harness.client, id, (doc) => doc.phase === 'hypercare');
  await sendUpdate(env.harness.client, id, 'reportIssue', { severity: 'critical', summary: 'no audio on transferred calls', details: 'since 09:10', callTime: '09:12', callerAni: '+15550001111', csrUsername: 'csr-44', screenshots: ['https://files.example/shot1.png'], ...lead });
  // The issue's own gate opens when it crosses 200ms (issue-age timers); the checkpoint breaches too.
  const open = await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.kind === 'checkpoint' && g.state === 'open'));
  const checkpoint = open.gates.find((g) => g.kind === 'checkpoint')!;
  expect(checkpoint.evaluation!.reasons.join()).toContain('issue ISS-1 (critical) unresolved');
  expect(open.gates.find((g) => g.id === 'issue-ISS-1-age')).toMatchObject({ kind: 'issue-age', state: 'open' });
  await sendUpdate(env.harness.client, id, 'resolveIssue', { issue: 'ISS-1', resolution: 'codec fixed on SBC', ...lead });
  await sendUpdate(env.harness.client, id, 'decide', { gate: checkpoint.id, decision: 'continue', reason: 'fixed', ...lead });
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('completed');
  expect(doc.issues[0]).toMatchObject({ state: 'resolved', resolvedBy: 'dana', resolution: 'codec fixed on SBC', screenshots: ['https://files.example/shot1.png'] });
  expect(doc.gates.filter((g) => g.kind === 'checkpoint').map((g) => g.decision)).toEqual(['continue', 'continue']);
});
