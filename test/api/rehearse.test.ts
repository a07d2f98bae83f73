/**
 * Rehearsing a recorded cutover over the API, on the real dev server: a live run with a go, a
 * checkpoint breach and a rollback is rehearsed; the rehearsal makes the same decisions (scripted,
 * source rehearsal-script) at the same times, reads the recorded metric values, touches no target
 * and ends rolled back too; an edited
 * plan whose step now fails makes the comparison name that step first; a decision whose gate is gone
 * is listed as unfit, not dropped.
 */
import type { StatusDocument } from '../../workflows/status-document';
import type { ApiCall } from '../support/api-calls';
import { useCliStack } from '../support/cli-stack';
import { recordHistoryIfAsked } from '../support/histories';
import { compensated, httpStep, testPlan } from '../support/plans';

// The API stack (signed in as dana) and a recording server for the steps' targets.
const { ctx } = useCliStack();
const call: ApiCall = (...args) => ctx.stack.call(...args);

const ended = (doc: StatusDocument) => doc.endedAt !== null;
const gateOpen = (id: string) => (doc: StatusDocument) => doc.gates.some((g) => g.id === id && g.state === 'open');
/** Who decided what at each gate, golive's own decisions left out. */
const operatorDecisions = (doc: StatusDocument) => doc.decisions.filter((d) => d.source !== 'auto').map((d) => [d.gate, d.decision, d.operator]);

/**
 * Export, a go/no-go, the switch (compensated), then hypercare whose service level (read over HTTP)
 * is below its floor.
 * An edited gate (another id or approvers) goes by itself after 300 ms.
 */
function weekendPlan(name: string, switchExtra: Record<string, unknown> = {}, gateId = 'go-no-go', approvers = ['cutover-lead']) {
  const edited = gateId !== 'go-no-go' || approvers[0] !== 'cutover-lead';
  return testPlan(name, [
    { id: 'prepare', steps: [httpStep('export', `${ctx.http.url}/${name}/export`)] },
    {
      id: 'cutover',
      gate: { id: gateId, kind: 'go-no-go', approvers: { roles: approvers }, ...(edited ? { timeout: '300ms', onTimeout: 'go' } : {}) },
      steps: [{ ...compensated(httpStep('switch', `${ctx.http.url}/${name}/switch`), `${ctx.http.url}/${name}/unswitch`), ...switchExtra }],
    },
    {
      id: 'hypercare',
      checkpoints: { every: '200ms', count: 2, metrics: [{ id: 'service-level', source: { kind: 'http', url: `${ctx.http.url}/${name}/service-level`, path: 'value' }, min: 0.8 }] },
    },
  ]);
}

/** Once the workflow has closed (its last notices delivered), its whole history is recorded when asked. */
async function recordClosed(id: string, name: string): Promise<void> {
  await ctx.stack.harness.client.workflow.getHandle(id).result();
  await recordHistoryIfAsked(ctx.stack.harness.client, id, name);
}

async function recordWeekend(name: string): Promise<{ id: string; doc: StatusDocument }> {
  ctx.http.route(`/${name}/service-level`, { body: { value: 0.5 } });
  const id = await ctx.stack.startCutover(weekendPlan(name), name);
  await ctx.stack.waitFor(id, gateOpen('go-no-go'));
  expect((await call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'ready' })).status).toBe(200);
  await ctx.stack.waitFor(id, gateOpen('hypercare-checkpoint-1'));
  expect((await call('POST', `/api/v1/cutovers/${id}/gates/hypercare-checkpoint-1/decisions`, { decision: 'rollback', reason: 'service level collapsed' })).status).toBe(200);
  return { id, doc: await ctx.stack.waitFor(id, ended) };
}

test('a rehearsal of a recorded weekend makes the same decisions at the same times and ends the same way', async () => {
  const recorded = await recordWeekend('rh-same');
  expect(recorded.doc.state).toBe('rolled-back');
  const touched = ctx.http.requests.length;

  const res = await call('POST', `/api/v1/cutovers/${recorded.id}/rehearse`, { timeScale: 2 });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ rehearsalOf: recorded.id, scripted: 2, unfit: [], recorded: { state: 'rolled-back' } });
  const rehearsal = await ctx.stack.waitFor(res.body.id, ended);
  await recordClosed(res.body.id, 'rehearsal-script-rollback');

  expect(rehearsal).toMatchObject({ mode: 'rehearsal', state: 'rolled-back', rehearsalOf: recorded.id, timeScale: 2 });
  expect(operatorDecisions(rehearsal)).toEqual(operatorDecisions(recorded.doc));
  expect(rehearsal.decisions.filter((d) => d.source !== 'auto').every((d) => d.source === 'rehearsal-script' && d.verified)).toBe(true);
  expect(rehearsal.script?.map((e) => [e.message, e.target, e.state])).toEqual([
    ['decide', 'go-no-go', 'applied'],
    ['decide', 'hypercare-checkpoint-1', 'applied'],
  ]);
  expect(rehearsal.steps.map((s) => [s.id, s.state])).toEqual(recorded.doc.steps.map((s) => [s.id, s.state]));
  // The checkpoint read what the recorded one read: the same breach, the same value.
  const reading = (doc: StatusDocument) => doc.gates.find((g) => g.id === 'hypercare-checkpoint-1')!.evaluation;
  expect(reading(rehearsal)).toEqual(reading(recorded.doc));
  // Steps, compensations and the metric source were simulated: the targets saw nothing of the rehearsal.
  expect(ctx.http.requests.length).toBe(touched);
  // The go came at the recorded time after the start, at twice the speed (timer granularity aside).
  const goAt = (doc: StatusDocument) => Date.parse(doc.decisions.find((d) => d.gate === 'go-no-go')!.at) - Date.parse(doc.startedAt);
  expect(goAt(rehearsal)).toBeGreaterThanOrEqual(goAt(recorded.doc) / 2 - 50);

  const compared = await call('GET', `/api/v1/cutovers/${recorded.id}/compare?with=${res.body.id}`);
  expect(compared.status).toBe(200);
  expect(compared.body.firstDivergence).toBeNull();
  expect(compared.body.a).toMatchObject({ id: recorded.id, state: 'rolled-back' });
  expect(compared.body.b.criticalPath.steps).toEqual(compared.body.a.criticalPath.steps);
  const row = compared.body.steps.find((s: { id: string }) => s.id === 'switch');
  expect(row).toMatchObject({ aState: 'compensated', bState: 'compensated' });
  expect(row.bMs).toBeGreaterThanOrEqual(0);
});

test('an edited plan whose step now fails: the comparison names that step as the first divergence', async () => {
  const recorded = await recordWeekend('rh-edit');
  const edited = weekendPlan('rh-edit', { onFailure: 'rollback', rehearse: { outcome: 'fail', duration: '20ms' } });
  const res = await call('POST', `/api/v1/cutovers/${recorded.id}/rehearse`, { plan: edited });
  expect(res.status).toBe(201);
  const rehearsal = await ctx.stack.waitFor(res.body.id, ended);
  expect(rehearsal.state).toBe('rolled-back');
  // The checkpoint never came: its scripted rollback was never made, and says why.
  expect(rehearsal.script?.[1]).toMatchObject({ target: 'hypercare-checkpoint-1', state: 'not-applied' });

  const compared = await call('GET', `/api/v1/cutovers/${recorded.id}/compare?with=${res.body.id}`);
  expect(compared.body.firstDivergence).toMatchObject({ kind: 'step-outcome', id: 'switch', a: 'compensated', b: 'failed' });
  expect(compared.body.divergences.map((d: { kind: string; id: string }) => `${d.kind} ${d.id}`)).toContain('gate-missing hypercare-checkpoint-1');
});

test('a recorded decision whose gate is gone is listed as unfit, in the answer and the status', async () => {
  const recorded = await recordWeekend('rh-unfit');
  const res = await call('POST', `/api/v1/cutovers/${recorded.id}/rehearse`, { plan: weekendPlan('rh-unfit', {}, 'go-review'), timeScale: 4 });
  expect(res.status).toBe(201);
  expect(res.body.unfit).toEqual([{ n: 1, message: 'decide', target: 'go-no-go', reason: 'gate go-no-go is not in this plan' }]);
  const rehearsal = await ctx.stack.waitFor(res.body.id, ended);
  await recordClosed(res.body.id, 'rehearsal-script-unfit');
  expect(rehearsal.script?.[0]).toMatchObject({ state: 'unfit', reason: 'gate go-no-go is not in this plan' });
  // The renamed gate went by its own timeout; the checkpoint's recorded rollback still applied.
  expect(rehearsal.script?.[1]).toMatchObject({ state: 'applied' });
  expect(rehearsal.state).toBe('rolled-back');
});

test('a recorded decision the edited plan no longer allows is rejected by the same validation, on record', async () => {
  const recorded = await recordWeekend('rh-rejected');
  const res = await call('POST', `/api/v1/cutovers/${recorded.id}/rehearse`, { plan: weekendPlan('rh-rejected', {}, 'go-no-go', ['network']), timeScale: 4 });
  expect(res.status).toBe(201);
  expect(res.body.unfit).toEqual([]);
  const rehearsal = await ctx.stack.waitFor(res.body.id, ended);
  expect(rehearsal.script?.[0]).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/^role-not-allowed: dana \(roles: cutover-lead\) may not decide go-no-go/) });
  // Nobody decided it: the gate went by its own timeout, and the recorded rollback at the checkpoint still came.
  expect(rehearsal.decisions.find((d) => d.gate === 'go-no-go')).toMatchObject({ decision: 'go', source: 'auto' });
  expect(rehearsal.state).toBe('rolled-back');
});

test('a history file is rehearsed too; a file that is no cutover history is refused', async () => {
  const recorded = await recordWeekend('rh-file');
  const history = (await call('GET', `/api/v1/cutovers/${recorded.id}/history`)).body;
  const res = await call('POST', '/api/v1/rehearsals', { history, source: 'weekend.json', timeScale: 4 });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ rehearsalOf: 'weekend.json', scripted: 2 });
  expect(await ctx.stack.waitFor(res.body.id, ended)).toMatchObject({ state: 'rolled-back', rehearsalOf: 'weekend.json' });

  const refused = await call('POST', '/api/v1/rehearsals', { history: { events: [] } });
  expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 422, code: 'invalid-history' });
});
