/**
 * Rehearsal mode on the real dev server: effectful steps, metric sources and notices touch
 * nothing unless `rehearse: real`; a declared failure goes through guided failure and rollback;
 * comms test / off keep notices from the roster; timeScale makes a weekend take under a minute.
 */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { compensated, httpStep, testPlan } from '../support/plans';
import { durationMultiplier } from '../../workflows/time-scale';
import type { StatusDocument } from '../../workflows/status-document';

const env = useCutoverTestEnv();

const HOUR_A_SECOND = durationMultiplier(3600);

beforeEach(() => {
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${env.http.url}/hooks/roster`;
});
afterEach(() => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
  delete process.env.GOLIVE_TEST_SINK_URL;
});

/** Requests the recorder saw from `since` on (its index), as `METHOD path`. */
const seenSince = (since: number) => env.http.requests.slice(since).map((r) => `${r.method} ${r.path}`);
const stepOf = (doc: StatusDocument, id: string) => doc.steps.find((s) => s.id === id)!;
/** A step's recorded result data. */
const dataOf = (doc: StatusDocument, id: string) => (stepOf(doc, id).result as { data?: Record<string, unknown> }).data;

/**
 * A weekend: prepare (publish, snapshot, check, notify; checkpoints every 10m × 2) watched every 4h
 * until hypercare ends, and hypercare's 48h soak then a restore. Every target is under `/<prefix>/`.
 */
function weekendPlan(prefix: string, realStep?: string) {
  const url = (path: string) => `${env.http.url}/${prefix}/${path}`;
  const real = (step: Record<string, unknown>) => (step.id === realStep ? { ...step, rehearse: 'real' } : step);
  const metric = { id: 'abandon-rate', source: { kind: 'http', url: url('stats'), path: 'abandon' }, max: 0.08 };
  return testPlan(`rehearsal-${prefix}`, [
    {
      id: 'prepare',
      steps: [
        httpStep('publish-flows', url('publish'), [], { estimate: '2h' }),
        { id: 'snapshot-routing', kind: 'snapshot', with: { label: 'routing', request: { url: url('routing') } } },
        { id: 'check-queues', kind: 'check', with: { source: { kind: 'http', url: url('queues'), path: 'depth' }, max: 10 } },
        { id: 'tell-agents', kind: 'notify', with: { message: 'New platform is live' } },
      ].map(real),
      checkpoints: { every: '10m', count: 2, metrics: [{ ...metric, id: 'aht', source: { ...metric.source, path: 'aht' }, max: 600 }] },
      watch: { every: '4h', untilPhaseEnds: 'hypercare', metrics: [metric] },
    },
    {
      id: 'hypercare',
      steps: [
        { id: 'soak', kind: 'wait', with: { duration: '48h' } },
        { id: 'restore-routing', kind: 'restore', dependsOn: ['soak'], with: { snapshotStep: 'snapshot-routing', request: { method: 'PUT', url: url('routing') } } },
      ],
    },
  ]);
}

test('a 48h weekend watched every 4h, at timeScale 3600, takes under a minute and touches nothing; rehearse: real touches only its step', async () => {
  env.http.route('/real/publish', { status: 200 });
  const since = env.http.requests.length;
  const began = Date.now();
  const [simulatedId, realId] = await Promise.all([
    env.harness.start(weekendPlan('simulated'), { mode: 'rehearsal', timeScale: HOUR_A_SECOND }),
    env.harness.start(weekendPlan('real', 'publish-flows'), { mode: 'rehearsal', timeScale: HOUR_A_SECOND }),
  ]);
  const [doc, realDoc] = await Promise.all([env.harness.finished(simulatedId), env.harness.finished(realId)]);
  const wallMs = Date.now() - began;
  await recordHistoryIfAsked(env.harness.client, simulatedId, 'rehearsal-weekend-simulated');

  expect(wallMs).toBeLessThan(60_000);
  // Steps, metric sources and roster notices: the one request is the step that says rehearse: real.
  expect(seenSince(since)).toEqual(['POST /real/publish']);
  for (const run of [doc, realDoc]) {
    expect(run).toMatchObject({ state: 'completed', mode: 'rehearsal', comms: 'test', timeScale: 3600 });
    expect(run.watches![0].evaluations.length).toBeGreaterThanOrEqual(11);
    expect(run.watches![0].evaluations.every((e) => e.action === 'none')).toBe(true);
    expect(run.gates.filter((g) => g.kind === 'checkpoint').map((g) => g.decision)).toEqual(['continue', 'continue']);
    // Notices were kept from the roster, labelled.
    expect(run.rehearsalNotices!.total).toBeGreaterThan(0);
    expect(run.rehearsalNotices!.recent.every((n) => n.message.startsWith('[REHEARSAL] '))).toBe(true);
  }
  for (const step of ['publish-flows', 'snapshot-routing', 'check-queues', 'restore-routing']) {
    expect(stepOf(doc, step)).toMatchObject({ state: 'succeeded', result: { data: { simulated: true } } });
  }
  // A notify step is a notice: with comms test it went to the test sink (here only the log), not the roster.
  expect(dataOf(doc, 'tell-agents')).toMatchObject({ delivered: ['log'] });
  expect(dataOf(realDoc, 'publish-flows')).not.toHaveProperty('simulated');
  // A simulated snapshot leaves a placeholder the simulated restore accepts.
  expect(dataOf(doc, 'snapshot-routing')).toMatchObject({ snapshot: { ref: expect.stringMatching(/^rehearsal:/) } });
  // The watch read within its limit (no baseline: the one limit itself).
  expect(doc.watches![0].evaluations[0].metrics[0]).toMatchObject({ id: 'abandon-rate', value: 0.08, verdict: 'ok' });
}, 120_000);

test('rehearse: {outcome: fail} goes through guided failure like a real failure: retry fails again, skip lets dependents run', async () => {
  const since = env.http.requests.length;
  const plan = testPlan('rehearsal-fail', [
    {
      id: 'cutover',
      steps: [
        httpStep('publish-flow', `${env.http.url}/reh-fail/publish`, [], { owner: 'ivr', retry: { maximumAttempts: 2, initialInterval: '1m' }, rehearse: { outcome: 'fail', duration: '30m' } }),
        httpStep('notify-vendor', `${env.http.url}/reh-fail/notify`, ['publish-flow']),
      ],
    },
  ]);
  const id = await env.harness.start(plan, { mode: 'rehearsal', timeScale: HOUR_A_SECOND });
  const waiting = await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'publish-flow') === 'awaiting-operator');
  expect(waiting.state).toBe('awaiting-decision');
  expect(stepOf(waiting, 'publish-flow')).toMatchObject({ awaiting: 'retry-skip-rollback', attempts: 2, error: { type: 'RehearsalFailure', message: expect.stringContaining('declared to fail') } });
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'retry', reason: 'try again', operator: 'ivy', roles: ['ivr'] });
  await waitForStatus(env.harness.client, id, (doc) => stepOf(doc, 'publish-flow').runs === 2 && stepState(doc, 'publish-flow') === 'awaiting-operator');
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish-flow', action: 'skip', reason: 'rehearsing the skip', operator: 'ivy', roles: ['ivr'] });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rehearsal-simulated-failure');
  expect(doc.state).toBe('completed');
  expect(stepOf(doc, 'publish-flow')).toMatchObject({ state: 'skipped', runs: 2 });
  expect(stepOf(doc, 'notify-vendor')).toMatchObject({ state: 'succeeded', result: { data: { simulated: true } } });
  expect(seenSince(since)).toEqual([]);
});

test('a declared failure with onFailure: rollback rolls back; compensations are simulated too', async () => {
  const since = env.http.requests.length;
  const url = (path: string) => `${env.http.url}/reh-rollback/${path}`;
  const plan = testPlan('rehearsal-rollback', [
    {
      id: 'cutover',
      steps: [
        compensated(httpStep('port-numbers', url('port')), url('unport')),
        httpStep('publish-flow', url('publish'), ['port-numbers'], { onFailure: 'rollback', rehearse: { outcome: 'fail' } }),
      ],
    },
  ]);
  const doc = await env.harness.finished(await env.harness.start(plan, { mode: 'rehearsal' }));
  expect(doc.state).toBe('rolled-back');
  expect(doc.rollback!.reason).toContain('declared to fail');
  expect(stepOf(doc, 'port-numbers')).toMatchObject({ state: 'compensated', compensation: { state: 'succeeded' } });
  expect(seenSince(since)).toEqual([]);
});

test('a baseline from a simulated http step reads its declared answer; a metric may declare its simulated value', async () => {
  const since = env.http.requests.length;
  const url = (path: string) => `${env.http.url}/reh-baseline/${path}`;
  const plan = testPlan('rehearsal-baseline', [
    { id: 'before', steps: [httpStep('legacy-stats', url('legacy'), [], { rehearse: { answer: { aht: 320 } } })] },
    {
      id: 'hypercare',
      steps: [{ id: 'hold', kind: 'noop' }],
      checkpoints: {
        every: '10ms',
        count: 1,
        metrics: [
          { id: 'aht', source: { kind: 'http', url: url('aht'), path: 'aht' }, baseline: { fromStep: 'legacy-stats', path: 'aht' }, max: '+15%' },
          { id: 'errors', source: { kind: 'http', url: url('errors'), path: 'rate' }, rehearse: { value: 0.5 }, max: 0.1 },
        ],
        onBreach: 'pause',
      },
    },
  ]);
  const id = await env.harness.start(plan, { mode: 'rehearsal' });
  const paused = await waitForStatus(env.harness.client, id, (doc) => doc.state === 'paused');
  const evaluations = paused.gates[0].evaluation!.evaluations;
  expect(evaluations[0]).toMatchObject({ id: 'aht', value: 320, baseline: 320, max: 368, breached: false });
  expect(evaluations[1]).toMatchObject({ id: 'errors', value: 0.5, breached: true });
  await sendUpdate(env.harness.client, id, 'resume', { reason: 'rehearsed the pause', ...lead });
  expect((await env.harness.finished(id)).state).toBe('completed');
  expect(seenSince(since)).toEqual([]);
});

test('a restore for real refuses a snapshot the rehearsal only simulated (the step fails, guided failure asks)', async () => {
  const url = (path: string) => `${env.http.url}/reh-restore/${path}`;
  const plan = testPlan('rehearsal-restore', [
    {
      id: 'cutover',
      steps: [
        { id: 'snap', kind: 'snapshot', with: { label: 'routing', request: { url: url('routing') } } },
        { id: 'undo', kind: 'restore', dependsOn: ['snap'], rehearse: 'real', with: { snapshotStep: 'snap', request: { method: 'PUT', url: url('routing') } } },
      ],
    },
  ]);
  const since = env.http.requests.length;
  const id = await env.harness.start(plan, { mode: 'rehearsal' });
  const waiting = await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'undo') === 'awaiting-operator');
  expect(stepOf(waiting, 'undo').error).toMatchObject({ type: 'SnapshotSimulated' });
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'undo', action: 'skip', reason: 'nothing real to restore', ...lead });
  expect((await env.harness.finished(id)).state).toBe('completed');
  expect(seenSince(since)).toEqual([]);
});

/** A plan whose notify step and notices would reach the roster: the worker's webhook and the plan's own. */
function noticePlan(name: string) {
  const settings = { noticeWebhooks: [{ url: `${env.http.url}/hooks/plan` }] };
  return testPlan(name, [{ id: 'cutover', steps: [{ id: 'tell', kind: 'notify', with: { message: 'Cutover begins' } }, { id: 'done', kind: 'noop', dependsOn: ['tell'] }] }], { settings });
}

test('comms test: notices (and notify steps) go only to the test sink, labelled REHEARSAL; the roster\'s webhooks (worker and plan) are not called', async () => {
  process.env.GOLIVE_TEST_SINK_URL = `${env.http.url}/hooks/test-sink`;
  const since = env.http.requests.length;
  const id = await env.harness.start(noticePlan('rehearsal-comms-test'), { mode: 'rehearsal' });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rehearsal-comms-test');
  const seen = env.http.requests.slice(since);
  expect(seen.length).toBeGreaterThanOrEqual(3); // phase started, the notify step, cutover ended
  expect(new Set(seen.map((r) => r.path))).toEqual(new Set(['/hooks/test-sink']));
  const texts = seen.map((r) => (JSON.parse(r.body) as { text: string }).text);
  expect(texts.every((text) => text.includes('[REHEARSAL] '))).toBe(true);
  expect(texts).toContainEqual(expect.stringContaining('[REHEARSAL] Cutover begins'));
  expect(doc).toMatchObject({ comms: 'test', rehearsalNotices: { total: expect.any(Number) } });
  expect(doc.rehearsalNotices!.recent.every((n) => n.sent)).toBe(true);
});

test('comms off: nothing is sent anywhere, every notice is recorded', async () => {
  process.env.GOLIVE_TEST_SINK_URL = `${env.http.url}/hooks/test-sink`;
  const since = env.http.requests.length;
  const id = await env.harness.start(noticePlan('rehearsal-comms-off'), { mode: 'rehearsal', comms: 'off' });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rehearsal-comms-off');
  expect(seenSince(since)).toEqual([]);
  expect(doc.comms).toBe('off');
  expect(doc.rehearsalNotices!.recent.map((n) => [n.event, n.sent])).toEqual(expect.arrayContaining([['phase-started', false], ['step', false], ['cutover-ended', false]]));
  expect(stepOf(doc, 'tell')).toMatchObject({ state: 'succeeded', result: { data: { simulated: true } } });
});

test('a live run is as before: comms on, steps and notices reach their targets, nothing labelled', async () => {
  const since = env.http.requests.length;
  const plan = testPlan('rehearsal-live', [{ id: 'cutover', steps: [httpStep('publish', `${env.http.url}/reh-live/publish`), { id: 'tell', kind: 'notify', with: { message: 'Live now' } }] }]);
  const doc = await env.harness.finished(await env.harness.start(plan));
  expect(doc).toMatchObject({ state: 'completed', mode: 'live', comms: 'on', timeScale: 1 });
  expect(doc.rehearsalNotices).toBeUndefined();
  const seen = env.http.requests.slice(since);
  expect(seen.map((r) => r.path)).toContain('/reh-live/publish');
  const texts = seen.filter((r) => r.path === '/hooks/roster').map((r) => (JSON.parse(r.body) as { text: string }).text);
  expect(texts).toContainEqual(expect.stringContaining('Live now'));
  expect(texts.some((text) => text.includes('REHEARSAL'))).toBe(false);
});

test('a rehearsal that continues as new stays one: comms, timeScale and kept notices carry over, simulated steps resume', async () => {
  const since = env.http.requests.length;
  const steps = Array.from({ length: 6 }, (_, i) => httpStep(`publish-${i}`, `${env.http.url}/reh-can/${i}`, i === 0 ? [] : [`publish-${i - 1}`], { estimate: '30m' }));
  const id = await env.harness.start(testPlan('rehearsal-can', [{ id: 'cutover', steps }]), { mode: 'rehearsal', timeScale: HOUR_A_SECOND, historyLimit: 25 });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'rehearsal-continue-as-new');
  expect(doc).toMatchObject({ state: 'completed', mode: 'rehearsal', comms: 'test', timeScale: 3600 });
  expect(doc.run).toBeGreaterThan(1);
  expect(doc.steps.every((s) => s.state === 'succeeded' && (s.result as { data: { simulated?: boolean } }).data.simulated)).toBe(true);
  // Phase started and cutover ended, across runs.
  expect(doc.rehearsalNotices!.recent.map((n) => n.event)).toEqual(expect.arrayContaining(['phase-started', 'cutover-ended']));
  expect(seenSince(since)).toEqual([]);
});
