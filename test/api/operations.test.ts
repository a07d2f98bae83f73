/**
 * Operator routes over real HTTP, against the real dev server and a real worker: every route's
 * happy path on a real cutover, and every refusal with its HTTP status and an unchanged status.
 */
import type { GateStatus, StatusDocument, StepStatus } from '../../workflows/status-document';
import type { ApiCall, CallOptions } from '../support/api-calls';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { compensated, httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';

let stack: ApiStack;
let call: ApiCall;
let http: RecordingServer;

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
  call = stack.call;
  http = await new RecordingServer().start();
});

afterAll(async () => {
  await stack?.stop();
  await http?.stop();
});

const agent = { token: testTokens.ana.token };
const step = (doc: StatusDocument, id: string): StepStatus => doc.steps.find((s) => s.id === id)!;
const gate = (doc: StatusDocument, id = 'go-no-go'): GateStatus | undefined => doc.gates.find((g) => g.id === id);

const start = (plan: unknown) => stack.startCutover(plan, 'ops');
/** A plan of one phase, `cutover`. */
const onePhase = (name: string, steps: unknown[]) => testPlan(name, [{ id: 'cutover', steps }]);

/** POSTs to a cutover route, expects the refusal, and that the status document did not change by a byte. */
async function expectRefused(id: string, path: string, body: unknown, expected: { status: number; code: string }, options?: CallOptions) {
  const before = JSON.stringify(await stack.status(id));
  const res = await call('POST', `/api/v1/cutovers/${id}${path}`, body, options);
  expect({ status: res.status, code: res.body.error?.code }).toEqual(expected);
  expect(JSON.stringify(await stack.status(id))).toBe(before);
  return res;
}

const fieldsNamed = (res: { body: any }) => (res.body.error.details as Array<{ path: string }>).map((d) => d.path);

const reviewPlan = (name: string) =>
  testPlan(name, [
    { id: 'prepare', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Confirm the change ticket is approved' } }] },
    {
      id: 'cutover',
      gate: {
        id: 'go-no-go',
        kind: 'go-no-go',
        approvers: { roles: ['cutover-lead'], quorum: 2 },
        criteria: { stepsSucceeded: ['sign-off'], noOpenIssuesAtOrAbove: 'critical' },
      },
      steps: [{ id: 'switch', kind: 'noop' }],
    },
  ]);

test('a go/no-go review: manual sign-off, an issue, a quorum of two; every refusal changes nothing', async () => {
  const id = await start(reviewPlan('ops-review'));
  const base = `/api/v1/cutovers/${id}`;
  await stack.waitFor(id, (doc) => step(doc, 'sign-off').awaiting === 'completion');

  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'go' }, { status: 409, code: 'gate-not-open' });
  await expectRefused(id, '/gates/no-such-gate/decisions', { decision: 'go' }, { status: 404, code: 'unknown-gate' });
  await expectRefused(id, '/steps/sign-off/complete', {}, { status: 422, code: 'evidence-required' });
  await expectRefused(id, '/steps/sign-off/complete', { evidence: 'CHG-1' }, { status: 403, code: 'role-not-allowed' }, agent);
  await expectRefused(id, '/steps/ghost/complete', { evidence: 'CHG-1' }, { status: 404, code: 'unknown-step' });
  await expectRefused(id, '/steps/switch/complete', { evidence: 'CHG-1' }, { status: 409, code: 'step-not-awaiting' });
  await expectRefused(id, '/steps/sign-off/retry', {}, { status: 409, code: 'step-not-awaiting' });
  await expectRefused(id, '/resume', { reason: 'nothing to resume' }, { status: 409, code: 'not-paused' });
  // The token says who acts; a body cannot.
  const forged = await expectRefused(id, '/steps/sign-off/complete', { evidence: 'x', operator: 'mallory' }, { status: 422, code: 'invalid-request' });
  expect(fieldsNamed(forged)).toEqual(['operator']);
  expect(fieldsNamed(await expectRefused(id, '/pause', {}, { status: 422, code: 'invalid-request' }))).toEqual(['reason']);
  expect(fieldsNamed(await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'maybe' }, { status: 422, code: 'invalid-request' }))).toEqual(['decision']);

  const signedOff = await call('POST', `${base}/steps/sign-off/complete`, { evidence: 'CHG-1234 approved' });
  expect(signedOff.status).toBe(200);
  expect(signedOff.body).toMatchObject({ message: 'completeStep', target: 'sign-off', effect: 'completed', id });
  expect(step(await stack.status(id), 'sign-off').completion).toMatchObject({ operator: 'dana', roles: ['cutover-lead'], source: 'api', evidence: 'CHG-1234 approved' });

  await stack.waitFor(id, (doc) => gate(doc)?.state === 'open');
  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'continue' }, { status: 422, code: 'invalid-decision' });
  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'go' }, { status: 403, code: 'role-not-allowed' }, agent);

  // An agent reports a critical issue with the template: go waits until it is resolved.
  const issue = {
    severity: 'critical',
    summary: 'Calls to the main number drop after the IVR',
    details: 'Caller hears silence, then the call ends',
    callTime: '2026-03-14T09:12:00Z',
    callerAni: '+15551234567',
    csrUsername: 'jdoe',
    screenshots: ['https://example.com/drop.png'],
  };
  const reported = await call('POST', `${base}/issues`, issue, agent);
  expect(reported.status).toBe(201);
  expect(reported.body.issue).toEqual({
    ...issue,
    id: 'ISS-1',
    state: 'open',
    reportedBy: 'ana',
    reportedAt: expect.any(String),
    source: 'api',
    verified: true,
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
  });
  expect(reported.body.status).toMatchObject({ message: 'reportIssue', target: 'ISS-1', effect: 'reported', issue: reported.body.issue });
  expect((await stack.status(id)).issues).toEqual([reported.body.issue]);
  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'go' }, { status: 409, code: 'criteria-not-met' });
  await expectRefused(id, '/issues/ISS-9/resolve', { resolution: 'n/a' }, { status: 404, code: 'unknown-issue' });
  const resolved = await call('POST', `${base}/issues/ISS-1/resolve`, { resolution: 'Trunk group re-pointed' });
  expect(resolved.status).toBe(200);
  expect(resolved.body.issue).toMatchObject({ state: 'resolved', resolvedBy: 'dana', resolution: 'Trunk group re-pointed' });
  await expectRefused(id, '/issues/ISS-1/resolve', { resolution: 'again' }, { status: 409, code: 'issue-resolved' });

  // The quorum needs two distinct leads.
  const first = await call('POST', `${base}/gates/go-no-go/decisions`, { decision: 'go', reason: 'checklist green' });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ effect: 'approval', gate: { id: 'go-no-go', state: 'open', approvals: 1, quorum: 2 } });
  expect(gate(await stack.status(id))).toMatchObject({ state: 'open', approvals: [{ operator: 'dana' }] });
  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'go' }, { status: 409, code: 'already-counted' });
  const second = await call('POST', `${base}/gates/go-no-go/decisions`, { decision: 'go' }, { token: testTokens.lee.token, headers: { 'x-golive-source': 'cli' } });
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({ effect: 'decided', gate: { state: 'decided', decision: 'go', approvals: 2 } });
  expect(gate(await stack.status(id))).toMatchObject({ state: 'decided', decision: 'go' });
  expect((await stack.status(id)).decisions.map((d: any) => `${d.operator} ${d.decision} ${d.effect} ${d.source}`)).toEqual(['dana go approval api', 'lee go decided cli']);

  expect((await stack.harness.finished(id)).state).toBe('completed');
  // The workflow is closed now: Temporal no longer takes updates for it.
  await expectRefused(id, '/gates/go-no-go/decisions', { decision: 'no-go' }, { status: 409, code: 'cutover-finished' });

  const history = await call('GET', `${base}/history`);
  expect(history.status).toBe(200);
  const types: string[] = history.body.events.map((event: { eventType: string }) => event.eventType);
  expect(types[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  // Only the five accepted updates are in the history; the refused ones wrote nothing.
  expect(types.filter((type) => type === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toHaveLength(5);
});

test('guided failure: pause and resume, retry one failed step, skip another', async () => {
  http.route('/trunks', { status: 503 }).route('/dns', { status: 503 });
  const id = await start(
    onePhase('ops-guided', [
      httpStep('switch-trunks', `${http.url}/trunks`, [], { onFailure: 'pause' }),
      httpStep('switch-dns', `${http.url}/dns`, [], { onFailure: 'pause' }),
      { id: 'smoke-test', kind: 'noop', dependsOn: ['switch-trunks', 'switch-dns'] },
    ]),
  );
  const base = `/api/v1/cutovers/${id}`;
  await stack.waitFor(id, (doc) => ['switch-trunks', 'switch-dns'].every((s) => step(doc, s).awaiting === 'retry-skip-rollback'));

  await expectRefused(id, '/steps/switch-trunks/complete', { evidence: 'done' }, { status: 409, code: 'step-not-awaiting' });
  await expectRefused(id, '/steps/switch-trunks/retry', {}, { status: 403, code: 'role-not-allowed' }, agent);

  const paused = await call('POST', `${base}/pause`, { reason: 'carrier on the phone' });
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ paused: true, state: 'paused' });
  await expectRefused(id, '/pause', { reason: 'again' }, { status: 409, code: 'already-paused' });
  const resumed = await call('POST', `${base}/resume`, { reason: 'carrier fixed the trunk group' });
  expect(resumed.status).toBe(200);
  expect(resumed.body.paused).toBe(false);

  http.route('/trunks', { status: 200 });
  expect((await call('POST', `${base}/steps/switch-trunks/retry`, { reason: 'carrier fixed it' })).status).toBe(200);
  expect((await call('POST', `${base}/steps/switch-dns/skip`, { reason: 'DNS switched by hand' })).status).toBe(200);

  const doc = await stack.waitFor(id, (d) => d.state === 'completed');
  expect(doc.steps.map((s) => `${s.id} ${s.state}`)).toEqual(['switch-trunks succeeded', 'switch-dns skipped', 'smoke-test succeeded']);
  expect(step(doc, 'switch-trunks').runs).toBe(2);
  expect(doc.actions.map((a) => `${a.action} ${a.target ?? '-'} ${a.operator}`)).toEqual([
    'pause - dana',
    'resume - dana',
    'retry switch-trunks dana',
    'skip switch-dns dana',
  ]);
  expect(http.requests.filter((r) => r.path === '/trunks')).toHaveLength(2);
});

test('rollback at any moment: the reason is required, the role too; compensations run', async () => {
  http.route('/export', { status: 200 }).route('/restore', { status: 200 });
  const id = await start(
    onePhase('ops-rollback', [
      compensated(httpStep('export', `${http.url}/export`), `${http.url}/restore`),
      { id: 'verify', kind: 'manual', owner: 'cutover-lead', dependsOn: ['export'], with: { instructions: 'Check the new routing' } },
    ]),
  );
  await stack.waitFor(id, (doc) => step(doc, 'verify').awaiting === 'completion');

  expect(fieldsNamed(await expectRefused(id, '/rollback', {}, { status: 422, code: 'invalid-request' }))).toEqual(['reason']);
  await expectRefused(id, '/rollback', { reason: 'not mine to call' }, { status: 403, code: 'role-not-allowed' }, agent);
  const rolling = await call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'routing test failed' });
  expect(rolling.status).toBe(200);
  expect(rolling.body).toMatchObject({ effect: 'rolling-back', state: 'rolling-back' });
  expect((await stack.status(id)).rollback).toMatchObject({ reason: 'routing test failed', requestedBy: 'dana' });

  const doc = await stack.harness.finished(id);
  expect(doc.state).toBe('rolled-back');
  expect(step(doc, 'export').state).toBe('compensated');
  expect(http.requests.filter((r) => r.path === '/restore')).toHaveLength(1);
  await expectRefused(id, '/rollback', { reason: 'again' }, { status: 409, code: 'cutover-finished' });
});

test('an unknown cutover is 404 for operator routes and history', async () => {
  const decision = await call('POST', '/api/v1/cutovers/no-such-cutover/gates/go-no-go/decisions', { decision: 'go' });
  expect({ status: decision.status, code: decision.body.error.code }).toEqual({ status: 404, code: 'cutover-not-found' });
  const history = await call('GET', '/api/v1/cutovers/no-such-cutover/history');
  expect({ status: history.status, code: history.body.error.code }).toEqual({ status: 404, code: 'cutover-not-found' });
});
