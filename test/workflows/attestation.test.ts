/**
 * Identities are not forgeable through Temporal (issue 7 item 3), on the real dev server: a
 * message claiming api / cli must carry the API's attestation, `auto` never comes from outside,
 * and names typed in the Temporal UI are unverified: they decide nothing under the default
 * `settings.temporalUi: observe`, and count (recorded unverified) under `act`.
 */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { attested, lead, sendRawSignal, sendRawUpdate, sendSignal, sendUpdate, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const gatedPlan = (name: string, settings: Record<string, unknown> = {}) =>
  testPlan(
    name,
    [
      { id: 'pre', steps: [httpStep('export', `${env.http.url}/${name}/export`)] },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } }, steps: [httpStep('switch', `${env.http.url}/${name}/switch`)] },
    ],
    { settings },
  );

const openGate = (id: string) => waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'go-no-go' && g.state === 'open'));
const go = { gate: 'go-no-go', decision: 'go', reason: 'ready' };
const soon = () => new Date(Date.now() + 60_000).toISOString();
const status = (id: string) => env.harness.status(id).then((doc) => JSON.stringify(doc));

test('a decide update claiming the API without a valid attestation is refused (forged) and changes nothing', async () => {
  const id = await env.harness.start(gatedPlan('attest-forged-update'));
  await openGate(id);
  const before = await status(id);
  const admin = { ...go, operator: 'dana', roles: ['*'], source: 'api' };
  const attempts: Record<string, unknown>[] = [
    admin, // no attestation: refused by the validator
    { ...admin, expiresAt: soon(), attestation: { keyId: 'test', mac: 'bm90LWEtbWFj' } }, // a made-up MAC: refused after the local activity
    { ...admin, expiresAt: soon(), attestation: { keyId: 'elsewhere', mac: 'bm90LWEtbWFj' } }, // a key the worker does not hold
    { ...attested(id, 'decide', { ...go, ...lead }), roles: ['*'] }, // a real attestation, roles changed after
    attested(`${id}-other`, 'decide', { ...go, ...lead }), // attested for another cutover
    { ...attested(id, 'decide', { ...go, ...lead }), source: 'cli' }, // source changed after
  ];
  for (const payload of attempts) {
    await expect(sendRawUpdate(env.harness.client, id, 'decide', payload)).rejects.toMatchObject({ cause: { type: 'forged' } });
  }
  expect(await status(id)).toBe(before);

  // An attested message is applied once: copied from history and sent again, its attestation is refused as used.
  const pause = attested(id, 'pause', { reason: 'hold the line', ...lead });
  await sendRawUpdate(env.harness.client, id, 'pause', pause);
  await sendUpdate(env.harness.client, id, 'resume', { reason: 'go on', ...lead });
  await expect(sendRawUpdate(env.harness.client, id, 'pause', pause)).rejects.toMatchObject({ cause: { type: 'forged' } });
  const doc = await env.harness.status(id);
  expect(doc.paused).toBe(false);
  expect(doc.actions.map((a) => [a.action, a.operator, a.source, a.verified])).toEqual([
    ['pause', 'dana', 'api', true],
    ['resume', 'dana', 'api', true],
  ]);
});

test('source auto is never accepted from outside, as an update or a signal', async () => {
  const id = await env.harness.start(gatedPlan('attest-auto'));
  await openGate(id);
  const before = await status(id);
  const auto = { ...go, decision: 'no-go', operator: 'golive', roles: ['*'], source: 'auto' };
  await expect(sendRawUpdate(env.harness.client, id, 'decide', auto)).rejects.toMatchObject({ cause: { type: 'forged' } });
  await expect(sendRawUpdate(env.harness.client, id, 'pause', { reason: 'x', operator: 'golive', source: 'auto', roles: ['*'] })).rejects.toMatchObject({ cause: { type: 'forged' } });
  expect(await status(id)).toBe(before);
  await sendRawSignal(env.harness.client, id, 'decide', auto);
  const doc = await waitForStatus(env.harness.client, id, (d) => d.rejected.length === 1);
  expect(doc.rejected[0]).toMatchObject({ message: 'decide', code: 'forged' });
  expect(doc.gates[0]).toMatchObject({ state: 'open', approvals: [] });
});

test('under the default observe, invented Temporal UI operators cannot make up a quorum; they may report issues', async () => {
  const id = await env.harness.start(gatedPlan('attest-observe'));
  await openGate(id);
  const typed = (operator: string) => ({ ...go, operator, roles: ['cutover-lead'] }); // source defaults to temporal-ui
  await expect(sendRawUpdate(env.harness.client, id, 'decide', typed('dana'))).rejects.toMatchObject({ cause: { type: 'unverified' } });
  await expect(sendRawUpdate(env.harness.client, id, 'pause', { reason: 'x', operator: 'dana', roles: ['*'] })).rejects.toMatchObject({ cause: { type: 'unverified' } });
  await sendRawSignal(env.harness.client, id, 'decide', typed('mallory'));
  await sendRawSignal(env.harness.client, id, 'decide', { ...typed('eve'), source: 'temporal-ui' });
  await sendRawUpdate(env.harness.client, id, 'reportIssue', { severity: 'low', summary: 'wallboard lags', operator: 'agent7', roles: ['agent'] });
  const doc = await waitForStatus(env.harness.client, id, (d) => d.rejected.length === 2);
  expect(doc.rejected.map((r) => [r.message, r.code])).toEqual([
    ['decide', 'unverified'],
    ['decide', 'unverified'],
  ]);
  expect(doc.gates[0]).toMatchObject({ state: 'open', approvals: [] });
  expect(doc.decisions).toEqual([]);
  expect(doc.issues).toEqual([expect.objectContaining({ id: 'ISS-1', reportedBy: 'agent7', source: 'temporal-ui', verified: false })]);
});

test('with settings.temporalUi: act a Temporal UI decision counts, recorded as temporal-ui and unverified; forged signals are recorded rejected', async () => {
  const id = await env.harness.start(gatedPlan('attest-act', { temporalUi: 'act' }));
  await openGate(id);
  // A forged claim by signal: recorded in `rejected`, never acted on (with and without a MAC).
  await sendRawSignal(env.harness.client, id, 'decide', { ...go, operator: 'dana', roles: ['*'], source: 'api' });
  await sendRawSignal(env.harness.client, id, 'decide', { ...go, operator: 'dana', roles: ['*'], source: 'cli', expiresAt: soon(), attestation: { keyId: 'test', mac: 'bm90LWEtbWFj' } });
  await expect(sendRawUpdate(env.harness.client, id, 'decide', { ...go, operator: 'dana', roles: ['*'], source: 'api', expiresAt: soon(), attestation: { keyId: 'test', mac: 'bm90LWEtbWFj' } })).rejects.toMatchObject({
    cause: { type: 'forged' },
  });
  const rejected = await waitForStatus(env.harness.client, id, (d) => d.rejected.length === 2);
  expect(rejected.rejected.map((r) => [r.message, r.code])).toEqual([
    ['decide', 'forged'],
    ['decide', 'forged'],
  ]);
  expect(rejected.gates[0].approvals).toEqual([]);

  await sendUpdate(env.harness.client, id, 'decide', { ...go, operator: 'sam', roles: ['cutover-lead'], source: 'temporal-ui' });
  await sendSignal(env.harness.client, id, 'decide', { ...go, ...lead, source: 'cli' });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'attestation-activity');
  expect(doc.state).toBe('completed');
  expect(doc.decisions.map((d) => [d.operator, d.source, d.verified, d.effect])).toEqual([
    ['sam', 'temporal-ui', false, 'approval'],
    ['dana', 'cli', true, 'decided'],
  ]);
  expect(doc.gates[0].approvals.map((a) => [a.operator, a.verified])).toEqual([
    ['sam', false],
    ['dana', true],
  ]);
});
