/** Operator controls, manual steps and roster notices on the real dev server. */
import { startHarness, type Harness } from '../support/cutover-harness';
import { until } from '../support/api-calls';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';

let harness: Harness;
let http: RecordingServer;
let webhook: RecordingServer;

beforeAll(async () => {
  webhook = await new RecordingServer().start();
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${webhook.url}/hooks/cutover`;
  harness = await startHarness();
  http = await new RecordingServer().start();
});

afterAll(async () => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
  await harness?.stop();
  await http?.stop();
  await webhook?.stop();
});

test('pause: no new step starts while paused; running steps finish; resume goes on', async () => {
  http.route('/pause/first', { delayMs: 800 });
  const id = await harness.start(testPlan('pause-resume', [{ id: 'p', steps: [httpStep('first', `${http.url}/pause/first`), httpStep('second', `${http.url}/pause/second`, ['first'])] }]));
  await waitForStatus(harness.client, id, (doc) => stepState(doc, 'first') === 'running');
  const paused = await sendUpdate(harness.client, id, 'pause', { reason: 'carrier maintenance window', ...lead });
  expect(paused.state).toBe('paused');
  await expect(sendUpdate(harness.client, id, 'pause', { reason: 'again', ...lead })).rejects.toMatchObject({ cause: { type: 'already-paused' } });
  const firstDone = await waitForStatus(harness.client, id, (doc) => stepState(doc, 'first') === 'succeeded');
  expect(firstDone.state).toBe('paused');
  // Observe a while after `first` ended: `second` must not be dispatched.
  const observedUntil = Date.now() + 1000;
  while (Date.now() < observedUntil) {
    expect(stepState(await harness.status(id), 'second')).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(http.requests.some((r) => r.path === '/pause/second')).toBe(false);
  await sendUpdate(harness.client, id, 'resume', { reason: 'window closed', ...lead });
  const doc = await harness.finished(id);
  await recordHistoryIfAsked(harness.client, id, 'pause-resume');
  expect(doc.state).toBe('completed');
  expect(doc.actions.map((a) => a.action)).toEqual(['pause', 'resume']);
  const resumedAt = Date.parse(doc.actions[1].at);
  expect(Date.parse(doc.steps[1].startedAt!)).toBeGreaterThanOrEqual(resumedAt);
});

test('a manual step waits for its owner to complete it with evidence', async () => {
  const id = await harness.start(
    testPlan('manual-step', [
      {
        id: 'p',
        steps: [
          { id: 'verify-sso', kind: 'manual', owner: 'network', with: { instructions: 'Log in through SSO as a test agent' } },
          httpStep('after', `${http.url}/manual/after`, ['verify-sso']),
        ],
      },
    ]),
  );
  const waiting = await waitForStatus(harness.client, id, (doc) => doc.steps[0].awaiting === 'completion');
  expect(waiting.steps[0].state).toBe('running');
  const rejections: Array<[Record<string, unknown>, string]> = [
    [{ step: 'verify-sso', evidence: '  ', operator: 'sam', roles: ['network'] }, 'evidence-required'],
    [{ step: 'verify-sso', evidence: 'ok', operator: 'ivy', roles: ['ivr'] }, 'role-not-allowed'],
    [{ step: 'after', evidence: 'ok', ...lead }, 'step-not-awaiting'],
    [{ step: 'ghost', evidence: 'ok', ...lead }, 'unknown-step'],
  ];
  for (const [payload, code] of rejections) {
    await expect(sendUpdate(harness.client, id, 'completeStep', payload)).rejects.toMatchObject({ cause: { type: code } });
  }
  expect(JSON.stringify(await harness.status(id))).toBe(JSON.stringify(waiting));
  await sendUpdate(harness.client, id, 'completeStep', { step: 'verify-sso', evidence: 'agent7 logged in via Okta at 02:10', operator: 'sam', roles: ['network'] });
  const doc = await harness.finished(id);
  await recordHistoryIfAsked(harness.client, id, 'manual-step');
  expect(doc.state).toBe('completed');
  expect(doc.steps[0]).toMatchObject({ state: 'succeeded', completion: { operator: 'sam', evidence: 'agent7 logged in via Okta at 02:10' } });
});

test('rollback at any moment cancels running steps; the roster hears about phases, gates, decisions and the rollback', async () => {
  http.route('/any/slow', { delayMs: 5000 });
  const id = await harness.start(
    testPlan('rollback-anytime', [
      { id: 'pre', steps: [httpStep('prep', `${http.url}/any/prep`)] },
      {
        id: 'cutover',
        gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } },
        steps: [{ ...httpStep('slow-publish', `${http.url}/any/slow`), compensate: { kind: 'http', with: { method: 'POST', url: `${http.url}/any/unpublish` } } }],
      },
    ]),
  );
  await waitForStatus(harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'all green', ...lead });
  await waitForStatus(harness.client, id, (doc) => stepState(doc, 'slow-publish') === 'running');
  await sendUpdate(harness.client, id, 'rollback', { reason: 'CRM integration down', ...lead });
  const doc = await harness.finished(id);
  expect(doc.state).toBe('rolled-back');
  // Cancelled in flight, so possibly half-applied: it is compensated as well.
  expect(doc.steps[1]).toMatchObject({ state: 'compensated', error: { type: 'Cancelled' } });
  // The cancellation reaches the activity with its next heartbeat, long before the 5 s answer.
  expect(Date.parse(doc.endedAt!) - Date.parse(doc.rollback!.startedAt)).toBeLessThan(4000);

  const notices = webhook.requests.map((r) => JSON.parse(r.body) as { event: string; cutoverId: string; text: string; recipients: unknown[] }).filter((n) => n.cutoverId === id);
  expect(notices.map((n) => n.event)).toEqual(expect.arrayContaining(['phase-started', 'waiting', 'decision', 'rollback', 'cutover-ended']));
  expect(notices.find((n) => n.event === 'rollback')!.text).toContain('CRM integration down');
  expect(new Set(webhook.requests.map((r) => r.headers['idempotency-key'])).size).toBe(webhook.requests.length);
});

test('escalations: an undecided gate (onTimeout escalate), an undecided checkpoint and a late manual step notify and keep waiting', async () => {
  const id = await harness.start(
    testPlan('escalations', [
      { id: 'prep', steps: [{ id: 'cable-check', kind: 'manual', owner: 'network', timeout: '300ms', with: { instructions: 'Check the SBC cabling' } }] },
      {
        id: 'cutover',
        gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 }, timeout: '300ms', onTimeout: 'escalate' },
        checkpoints: { every: '200ms', count: 1, metrics: [{ id: 'trunk-errors', source: { kind: 'static', value: 9 }, max: 5 }], decideTimeout: '300ms' },
      },
    ]),
  );
  const escalations = () =>
    webhook.requests.map((r) => JSON.parse(r.body) as { event: string; cutoverId: string; roles: string[]; data?: Record<string, unknown> }).filter((n) => n.cutoverId === id && n.event === 'escalation');
  const escalated = (count: number) => until(async () => escalations(), (list) => list.length >= count, 15_000);
  await escalated(1);
  expect(escalations()[0]).toMatchObject({ roles: ['network'], data: { step: 'cable-check' } });
  expect(stepState(await harness.status(id), 'cable-check')).toBe('running');
  await sendUpdate(harness.client, id, 'completeStep', { step: 'cable-check', evidence: 'photo in ticket 42', operator: 'sam', roles: ['network'] });

  await escalated(2);
  const gateWaiting = await harness.status(id);
  expect(gateWaiting.gates[0]).toMatchObject({ id: 'go', state: 'open' });
  expect(gateWaiting.gates[0].escalatedAt).not.toBeNull();
  await sendUpdate(harness.client, id, 'decide', { gate: 'go', decision: 'go', ...lead });

  await escalated(3);
  const checkpointWaiting = await harness.status(id);
  expect(checkpointWaiting.gates[1]).toMatchObject({ id: 'cutover-checkpoint-1', state: 'open' });
  expect(checkpointWaiting.gates[1].escalatedAt).not.toBeNull();
  await sendUpdate(harness.client, id, 'decide', { gate: 'cutover-checkpoint-1', decision: 'continue', reason: 'known carrier noise', ...lead });
  expect((await harness.finished(id)).state).toBe('completed');
});
