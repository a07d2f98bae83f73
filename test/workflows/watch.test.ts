/** Watches on the real dev server: metrics read beside a running phase, acted on per metric. */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { testPlan } from '../support/plans';
import { formatStatus } from '../../cli/status-format';
import type { StatusDocument, WatchStatus } from '../../workflows/status-document';

const env = useCutoverTestEnv();

// Roster notices go to the recording server, so a `notify` can be seen arriving.
beforeAll(() => {
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${env.http.url}/hooks/roster`;
});
afterAll(() => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
});

/** A step that keeps its phase running until someone completes it. */
const manual = (id: string) => ({ id, kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Hold the phase open', evidenceRequired: false } });
const wait = (id: string, duration: string) => ({ id, kind: 'wait', with: { duration } });
const staticMetric = (id: string, value: number, extra: Record<string, unknown> = {}) => ({ id, source: { kind: 'static', value }, max: 10, ...extra });

const watchOf = (doc: StatusDocument, phase: string): WatchStatus => doc.watches!.find((w) => w.phase === phase)!;
const complete = (id: string, step: string) => sendUpdate(env.harness.client, id, 'completeStep', { step, evidence: 'done', ...lead });

test('breachesBeforeAction 2: the first breach is only recorded, the second rolls back while the step still runs', async () => {
  const id = await env.harness.start(
    testPlan('watch-rollback', [
      { id: 'cutover', steps: [manual('switch-trunks')], watch: { every: '150ms', metrics: [staticMetric('trunk-errors', 42, { onBreach: 'rollback', breachesBeforeAction: 2 })] } },
    ]),
  );
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'watch-breach-rollback');
  expect(doc.state).toBe('rolled-back');
  expect(doc.rollback!.reason).toContain('trunk-errors 42 above max 10');
  expect(doc.steps[0]).toMatchObject({ state: 'failed', error: { type: 'Cancelled' } });
  const watch = watchOf(doc, 'cutover');
  expect(watch.evaluations.map((e) => [e.n, e.action])).toEqual([
    [1, 'none'],
    [2, 'rollback'],
  ]);
  expect(watch.evaluations[0].metrics[0]).toMatchObject({ id: 'trunk-errors', value: 42, verdict: 'breach' });
  expect(watch.state).toBe('ended');
});

test('an unreadable metric is inconclusive and takes its own action (pause), not the breach action (rollback)', async () => {
  const stats = `${env.http.url}/watch-inconclusive/stats`;
  env.http.route('/watch-inconclusive/stats', { status: 503 });
  const id = await env.harness.start(
    testPlan('watch-inconclusive', [
      {
        id: 'cutover',
        steps: [manual('verify-ivr')],
        watch: { every: '150ms', metrics: [{ id: 'abandon-rate', source: { kind: 'http', url: stats, path: 'abandon' }, max: 0.08, onBreach: 'rollback', inconclusive: { limit: 1, action: 'pause' } }] },
      },
    ]),
  );
  const paused = await waitForStatus(env.harness.client, id, (doc) => doc.state === 'paused');
  const evaluation = watchOf(paused, 'cutover').evaluations.at(-1)!;
  expect(evaluation).toMatchObject({ action: 'pause', metrics: [{ id: 'abandon-rate', value: null, verdict: 'inconclusive' }] });
  expect(paused.actions).toEqual([expect.objectContaining({ action: 'pause', operator: 'golive', reason: expect.stringContaining('abandon-rate unreadable') })]);
  expect(stepState(paused, 'verify-ivr')).toBe('running');
  expect(formatStatus(paused)).toMatch(/^latest evaluations:\n {2}abandon-rate = unreadable \(max 0\.08\) inconclusive at cutover-watch-\d+: abandon-rate unreadable: /m);
  env.http.route('/watch-inconclusive/stats', { body: { abandon: 0.02 } });
  await sendUpdate(env.harness.client, id, 'resume', { reason: 'reporting API back', ...lead });
  await waitForStatus(env.harness.client, id, (doc) => watchOf(doc, 'cutover').evaluations.at(-1)!.metrics[0].verdict === 'ok');
  await complete(id, 'verify-ivr');
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'watch-inconclusive-pause');
  expect(doc.state).toBe('completed');
  expect(doc.rollback).toBeNull();
  expect(watchOf(doc, 'cutover').counters['abandon-rate']).toEqual({ breaches: 0, inconclusive: 0 });
});

test('decide opens a gate during the phase; the steps go on, and continue lets the phase end', async () => {
  const id = await env.harness.start(
    testPlan('watch-decide', [
      { id: 'cutover', steps: [manual('port-numbers')], watch: { every: '150ms', decideTimeout: '200ms', metrics: [staticMetric('aht', 400, { max: 368 })] } },
      { id: 'after', steps: [wait('settle', '10ms')] },
    ]),
  );
  const open = await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'cutover-watch-1' && g.state === 'open'));
  expect(open.state).toBe('awaiting-decision');
  expect(open.gates[0].evaluation!.reasons[0]).toContain('aht 400 above max 368');
  // The gate's metrics show once, as the watch's latest evaluation.
  expect(formatStatus(open)).toMatch(/^latest evaluations:\n {2}aht = 400 \(max 368\) breached at cutover-watch-1: aht 400 above max 368\nsteps:/m);
  // Undecided past decideTimeout: escalated, still open.
  const escalated = await waitForStatus(env.harness.client, id, (doc) => doc.gates[0].escalatedAt !== null);
  expect(escalated.gates[0].state).toBe('open');
  await complete(id, 'port-numbers');
  const held = await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'port-numbers') === 'succeeded');
  // The undecided breach holds the phase's end, not its steps.
  expect(held.phases[0].state).toBe('running');
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'cutover-watch-1', decision: 'continue', reason: 'AHT spike expected', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'watch-decide-continue');
  expect(doc.state).toBe('completed');
  expect(doc.gates.map((g) => [g.id, g.decision])).toEqual([['cutover-watch-1', 'continue']]);
  expect(Date.parse(doc.phases[0].endedAt!)).toBeGreaterThanOrEqual(Date.parse(doc.gates[0].closedAt!));
  expect(watchOf(doc, 'cutover')).toMatchObject({ state: 'ended', pendingGate: null });
});

test('untilPhaseEnds carries the watch into the next phase and stops when that one ends', async () => {
  const id = await env.harness.start(
    testPlan('watch-span', [
      { id: 'cutover', steps: [wait('switch', '400ms')], watch: { every: '100ms', untilPhaseEnds: 'hypercare', metrics: [staticMetric('errors', 1)] } },
      { id: 'hypercare', steps: [wait('observe', '400ms')] },
      { id: 'closeout', steps: [wait('report', '500ms')] },
    ]),
  );
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'watch-until-phase-ends');
  expect(doc.state).toBe('completed');
  const [cutover, hypercare] = doc.phases;
  const watch = watchOf(doc, 'cutover');
  expect(watch).toMatchObject({ until: 'hypercare', state: 'ended', dropped: 0 });
  const times = watch.evaluations.map((e) => Date.parse(e.at));
  expect(times.some((t) => t > Date.parse(cutover.endedAt!))).toBe(true);
  expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(hypercare.endedAt!));
  expect(Date.parse(watch.endedAt!)).toBeLessThanOrEqual(Date.parse(hypercare.endedAt!));
});

test('keepEvaluations bounds the list (older ones counted); notify tells the approvers without stopping', async () => {
  const id = await env.harness.start(
    testPlan('watch-keep', [{ id: 'cutover', steps: [wait('soak', '4s')], watch: { every: '50ms', keepEvaluations: 2, metrics: [staticMetric('queue-depth', 50, { onBreach: 'notify' })] } }]),
  );
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('completed');
  const watch = watchOf(doc, 'cutover');
  expect(watch.evaluations).toHaveLength(2);
  expect(watch.dropped).toBeGreaterThanOrEqual(1);
  expect(watch.evaluations.map((e) => e.n)).toEqual([watch.dropped + 1, watch.dropped + 2]);
  expect(watch.next).toBe(watch.dropped + 3);
  expect(watch.evaluations.every((e) => e.action === 'notify' && e.reason!.includes('queue-depth 50 above max 10'))).toBe(true);
  expect(doc.actions).toEqual([]);
  const notices = env.http.requests
    .filter((r) => r.path === '/hooks/roster')
    .map((r) => JSON.parse(r.body) as { event: string; cutoverId: string; text: string; recipients: { name: string }[] })
    .filter((n) => n.cutoverId === id && n.event === 'watch');
  expect(notices.length).toBe(watch.next - 1);
  expect(notices[0]).toMatchObject({ text: expect.stringContaining('queue-depth 50 above max 10'), recipients: [expect.objectContaining({ name: 'Dana' })] });
});

test('continue-as-new carries the schedule, counters and an open watch gate to the next run', async () => {
  const id = await env.harness.start(
    testPlan('watch-carried', [
      { id: 'cutover', steps: [manual('migrate-queues')], watch: { every: '100ms', metrics: [staticMetric('aht', 500, { breachesBeforeAction: 3 })] } },
    ]),
    { historyLimit: 25 },
  );
  const open = await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'cutover-watch-3' && g.state === 'open'), 60_000);
  expect(open.run).toBeGreaterThan(1);
  expect(watchOf(open, 'cutover')).toMatchObject({ pendingGate: 'cutover-watch-3', counters: { aht: { breaches: 0, inconclusive: 0 } } });
  await complete(id, 'migrate-queues');
  await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'migrate-queues') === 'succeeded' && (doc.run ?? 1) > 1);
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'cutover-watch-3', decision: 'continue', reason: 'known spike', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'watch-continue-as-new');
  expect(doc.state).toBe('completed');
  expect(doc.run).toBeGreaterThan(1);
  // Breaches 1 and 2 only counted, the third opened the gate; no evaluation ran twice across runs.
  expect(watchOf(doc, 'cutover').evaluations.map((e) => [e.n, e.action])).toEqual([
    [1, 'none'],
    [2, 'none'],
    [3, 'decide'],
  ]);
  expect(doc.gates.map((g) => [g.id, g.decision])).toEqual([['cutover-watch-3', 'continue']]);
}, 90_000);
